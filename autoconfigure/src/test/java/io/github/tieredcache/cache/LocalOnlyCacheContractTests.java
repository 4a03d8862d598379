package io.github.tieredcache.cache;

import org.springframework.cache.Cache;

/**
 * The Spring cache contract on L1 alone.
 */
class LocalOnlyCacheContractTests extends CacheContractTests {

	@Override
	protected Cache createCache(boolean cacheNullValues) {
		CacheSpec spec = CacheSpec.builder("local").cacheNullValues(cacheNullValues).l2Enabled(false).build();
		return TieredCacheManager.builder().cache(spec).build().getCache("local");
	}

}
