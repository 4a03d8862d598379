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
 * @param condition the condition expression, or {@code null}
 * @param unless the veto expression, or {@code null}
 * @param ttl the method's own TTL, or {@code null} for the cache's
 * @param tags the tag expressions
 * @param result how the result is wrapped
 */
record CachedOperation(Method method, String cacheName, @Nullable Expression key, @Nullable Expression condition,
		@Nullable Expression unless, @Nullable Duration ttl, List<Expression> tags, ResultKind result) {

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
