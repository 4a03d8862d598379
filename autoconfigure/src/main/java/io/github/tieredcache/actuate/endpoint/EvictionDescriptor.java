package io.github.tieredcache.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The outcome of evicting one key through the {@code tieredcache} endpoint.
 *
 * @param cache the cache name
 * @param cacheManager the name of its cache manager bean
 * @param key the key as given
 * @param present whether an entry was present in either tier
 */
public record EvictionDescriptor(String cache, String cacheManager, String key,
		boolean present) implements OperationResponseBody {
}
