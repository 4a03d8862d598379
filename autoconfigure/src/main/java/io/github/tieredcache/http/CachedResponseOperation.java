package io.github.tieredcache.http;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;

/**
 * One {@code @CachedResponse} method, parsed. Immutable.
 *
 * @param method the method as declared in the controller's class
 * @param variant names the method within a key's entry
 * @param cacheName the cache
 * @param key the key expression, or {@code null} for the arguments Spring MVC does not
 * inject
 * @param ttl the method's own TTL, or {@code null} for the cache's
 * @param vary the request headers it varies on
 * @param tags the tag expressions
 * @param cacheControl the {@code Cache-Control} to send, empty for {@code max-age}
 * @param streaming whether the method's result is written asynchronously or streamed
 */
record CachedResponseOperation(Method method, String variant, String cacheName, @Nullable Expression key,
		@Nullable Duration ttl, List<String> vary, List<Expression> tags, String cacheControl, boolean streaming) {

}
