package io.github.tieredcache.http;

import java.util.List;

import io.github.tieredcache.cache.BulkFill;

/**
 * What the advice around a {@code @CachedResponse} method asks of the response of one
 * request, on Spring MVC ({@link ResponseCapture}) or WebFlux
 * ({@link ReactiveResponseCapture}): to pass it through, to serve an entry in place of
 * whatever the handler writes, or to buffer the handler's response to store it.
 */
interface Capture {

	/**
	 * Passes the response through and stores nothing.
	 */
	void bypass();

	/**
	 * Serves an entry in place of whatever the handler writes.
	 * @param response the entry
	 */
	void serve(StoredResponse response);

	/**
	 * Buffers the handler's response to store it.
	 * @param miss what storing it needs
	 * @param onOverflow called when the body grows past the largest stored, before it is
	 * written through
	 */
	void capture(Miss miss, Runnable onOverflow);

	/**
	 * Watches the miss's key from before the handler runs, so that a response built from
	 * data read before a write or invalidation of that key is never stored.
	 * @param fill the fill, started now
	 */
	void watch(BulkFill fill);

	/**
	 * Sets a header of the response.
	 * @param name the name
	 * @param value the value
	 */
	void setHeader(String name, String value);

	/**
	 * What a miss needs to be stored once the handler has written its response.
	 *
	 * @param cacheName the cache
	 * @param key the key
	 * @param variant the variant of the key
	 * @param ttlMillis how long it lives
	 * @param vary the request headers it varies on
	 * @param cacheControl the configured {@code Cache-Control}, empty for {@code max-age}
	 * @param tags the tags, known once the handler returned
	 */
	record Miss(String cacheName, Object key, String variant, long ttlMillis, List<String> vary, String cacheControl,
			List<String> tags) {

		Miss withTags(List<String> tags) {
			return new Miss(this.cacheName, this.key, this.variant, this.ttlMillis, this.vary, this.cacheControl,
					List.copyOf(tags));
		}

	}

}
