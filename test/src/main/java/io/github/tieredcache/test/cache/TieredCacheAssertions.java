package io.github.tieredcache.test.cache;

import io.github.tieredcache.cache.TieredCache;

import org.springframework.cache.Cache;

/**
 * AssertJ entry point for tiered caches:
 *
 * <pre class="code">
 * assertThat(cacheManager.getCache("products")).hasLoads(1).hasL1Hits(2).containsKey(42L);
 * </pre>
 *
 * Counters count what the running test did when its class carries
 * {@link ClearTieredCaches}, and everything since the cache was created otherwise. Needs
 * AssertJ on the test class path (Spring Boot's test starter brings it).
 */
public final class TieredCacheAssertions {

	private TieredCacheAssertions() {
	}

	/**
	 * Starts assertions on a tiered cache.
	 * @param cache the cache, as {@code CacheManager.getCache(name)} returns it
	 * @return the assertions
	 */
	public static TieredCacheAssert assertThat(Cache cache) {
		return new TieredCacheAssert(cache);
	}

	/**
	 * Starts assertions on a tiered cache.
	 * @param cache the cache
	 * @return the assertions
	 */
	public static TieredCacheAssert assertThat(TieredCache cache) {
		return new TieredCacheAssert(cache);
	}

}
