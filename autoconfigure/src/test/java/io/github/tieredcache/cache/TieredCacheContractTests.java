package io.github.tieredcache.cache;

/**
 * The Spring cache contract on both tiers.
 */
class TieredCacheContractTests extends RedisCacheContractSupport {

	@Override
	protected CacheSpec.Builder tiers(CacheSpec.Builder builder) {
		return builder;
	}

}
