package io.github.tieredcache.cache;

/**
 * The Spring cache contract on L2 (Redis) alone.
 */
class RemoteOnlyCacheContractTests extends RedisCacheContractSupport {

	@Override
	protected CacheSpec.Builder tiers(CacheSpec.Builder builder) {
		return builder.l1Enabled(false);
	}

}
