package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.util.ClassUtils;

/**
 * One {@code @Cached} method, parsed: the cache, the expressions (already parsed) and how
 * its result is wrapped. Immutable.
 *
 * @param method the method as declared in the bean's class
 * @param cacheName the cache
 * @param key the key expression, or {@code null} for all arguments
 * @param directKey the key expression read straight from the arguments, or {@code null}
 * when only SpEL can evaluate it
 * @param condition the condition expression, or {@code null}
 * @param unless the veto expression, or {@code null}
 * @param ttl the method's own TTL, or {@code null} for the cache's
 * @param tagsBeforeLoad tag expressions that do not use {@code #result}, recorded before
 * the method runs so that a tag invalidation during the load fails its fill
 * @param tagsAfterLoad tag expressions that use {@code #result}
 * @param result how the result is wrapped
 * @param refresh the expression that bypasses the cache for a call, or {@code null}
 * @param suspending whether the method is a Kotlin {@code suspend} function: Spring's
 * proxies hand it to the advice as a method returning a {@code Mono}, and its last
 * argument (the caller's continuation) is no part of the key
 */
record CachedOperation(Method method, String cacheName, @Nullable Expression key, @Nullable ArgumentKey directKey,
		@Nullable Expression condition, @Nullable Expression unless, @Nullable Duration ttl,
		List<Expression> tagsBeforeLoad, List<Expression> tagsAfterLoad, ResultKind result,
		@Nullable Expression refresh, boolean suspending) {

	/**
	 * Returns whether finding the key (and checking the condition) needs an evaluation
	 * context; a hit of an operation that needs none builds none.
	 */
	boolean needsContextForLookup() {
		return this.condition != null || this.refresh != null || (this.key != null && this.directKey == null);
	}

	boolean usesExpressions() {
		return this.key != null || this.condition != null || this.unless != null || !this.tagsBeforeLoad.isEmpty()
				|| !this.tagsAfterLoad.isEmpty() || this.refresh != null;
	}

	/**
	 * How a method hands its value back.
	 */
	enum ResultKind {

		/**
		 * The value itself.
		 */
		VALUE,

		/**
		 * An {@link Optional}: the cache holds the value or {@code null} for empty.
		 */
		OPTIONAL,

		/**
		 * A {@link CompletionStage}: the cache holds the completed value.
		 */
		FUTURE,

		/**
		 * A Reactor {@code Mono}: the cache holds the value it emits, {@code null} for
		 * empty.
		 */
		MONO,

		/**
		 * A Reactor {@code Flux}: the cache holds the list of the values it emits.
		 */
		FLUX;

		private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
				ResultKind.class.getClassLoader());

		private static final boolean REACTIVE_STREAMS_PRESENT = ClassUtils.isPresent("org.reactivestreams.Publisher",
				ResultKind.class.getClassLoader());

		/**
		 * Returns how a method's result is wrapped.
		 * @param returnType the method's return type
		 * @return the kind, {@code null} for a reactive type other than {@code Mono} and
		 * {@code Flux}, which cannot be cached
		 */
		static @Nullable ResultKind of(Class<?> returnType) {
			if (Optional.class == returnType) {
				return OPTIONAL;
			}
			if (CompletionStage.class.isAssignableFrom(returnType)) {
				return FUTURE;
			}
			if (REACTOR_PRESENT && ReactiveResults.isMono(returnType)) {
				return MONO;
			}
			if (REACTOR_PRESENT && ReactiveResults.isFlux(returnType)) {
				return FLUX;
			}
			if (REACTIVE_STREAMS_PRESENT && org.reactivestreams.Publisher.class.isAssignableFrom(returnType)) {
				return null;
			}
			return VALUE;
		}

		boolean isReactive() {
			return this == MONO || this == FLUX;
		}

	}

}
