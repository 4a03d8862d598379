package io.github.tieredcache.cache;

/**
 * Creates the shared tier (L2) for each cache that has one. Implemented for Redis by
 * {@code io.github.tieredcache.cache.redis.RedisTierFactory}.
 *
 * <p>
 * Implementations must be thread-safe: caches may be created on demand from any thread.
 */
@FunctionalInterface
public interface RemoteTierFactory {

	/**
	 * Creates the shared tier for a cache.
	 * @param spec the cache's settings
	 * @param counters the cache's counters, for values that could not be read or written
	 * @return the tier
	 */
	RemoteTier create(CacheSpec spec, RemoteValueCounters counters);

}
