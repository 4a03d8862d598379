package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;

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
 */
record CachedOperation(Method method, String cacheName, @Nullable Expression key, @Nullable ArgumentKey directKey,
		@Nullable Expression condition, @Nullable Expression unless, @Nullable Duration ttl,
		List<Expression> tagsBeforeLoad, List<Expression> tagsAfterLoad, ResultKind result,
		@Nullable Expression refresh) {

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
		FUTURE;

		static ResultKind of(Class<?> returnType) {
			if (Optional.class == returnType) {
				return OPTIONAL;
			}
			if (CompletionStage.class.isAssignableFrom(returnType)) {
				return FUTURE;
			}
			return VALUE;
		}

	}

}
