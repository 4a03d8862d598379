/**
 * HTTP response caching for Spring MVC: the machinery behind
 * {@link io.github.tieredcache.annotation.CachedResponse}, a servlet filter that buffers
 * the response of annotated handler methods and an advisor around those methods that
 * answers from the cache.
 */
@NullMarked
package io.github.tieredcache.http;

import org.jspecify.annotations.NullMarked;
