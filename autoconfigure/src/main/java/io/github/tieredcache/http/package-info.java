/**
 * HTTP response caching for Spring MVC and Spring WebFlux: the machinery behind
 * {@link io.github.tieredcache.annotation.CachedResponse}, a servlet filter or a
 * {@code WebFilter} that buffers the response of annotated handler methods and an advisor
 * around those methods that answers from the cache.
 */
@NullMarked
package io.github.tieredcache.http;

import org.jspecify.annotations.NullMarked;
