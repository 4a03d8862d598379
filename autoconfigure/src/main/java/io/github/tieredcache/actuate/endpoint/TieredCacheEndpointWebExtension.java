package io.github.tieredcache.actuate.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP side of {@link TieredCacheEndpoint}: {@code 404 Not Found} for an unknown
 * cache, {@code 204 No Content} after a clear.
 */
@EndpointWebExtension(endpoint = TieredCacheEndpoint.class)
public class TieredCacheEndpointWebExtension {

	private final TieredCacheEndpoint delegate;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 */
	public TieredCacheEndpointWebExtension(TieredCacheEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Returns the statistics of one cache.
	 * @param cache the cache name
	 * @param cacheManager the cache manager bean's name, when several hold the cache
	 * @return the statistics, or {@code 404} when no such cache exists
	 */
	@ReadOperation
	public WebEndpointResponse<CacheDescriptor> cache(@Selector String cache, @Nullable String cacheManager) {
		CacheDescriptor descriptor = this.delegate.cache(cache, cacheManager);
		return (descriptor != null) ? new WebEndpointResponse<>(descriptor)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Clears a cache in both tiers.
	 * @param cache the cache name
	 * @param cacheManager the cache manager bean's name, when several hold the cache
	 * @return {@code 204} when cleared, {@code 404} when no such cache exists
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> clear(@Selector String cache, @Nullable String cacheManager) {
		boolean cleared = this.delegate.clear(cache, cacheManager);
		return new WebEndpointResponse<>(
				cleared ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Evicts one key from a cache, in both tiers.
	 * @param cache the cache name
	 * @param key the key in its encoded form, as it appears in Redis
	 * @param cacheManager the cache manager bean's name, when several hold the cache
	 * @return what was evicted, or {@code 404} when no such cache exists
	 */
	@WriteOperation
	public WebEndpointResponse<EvictionDescriptor> evict(@Selector String cache, String key,
			@Nullable String cacheManager) {
		EvictionDescriptor evicted = this.delegate.evict(cache, key, cacheManager);
		return (evicted != null) ? new WebEndpointResponse<>(evicted)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
