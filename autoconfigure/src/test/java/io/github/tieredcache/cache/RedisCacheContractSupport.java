package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs the contract against caches on a real Redis, each test with a fresh key prefix.
 */
abstract class RedisCacheContractSupport extends CacheContractTests {

	private static LettuceConnectionFactory connectionFactory;

	@BeforeAll
	static void connect() {
		connectionFactory = RedisConnections.open(RedisServers.shared(), Duration.ofSeconds(5));
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	/**
	 * Returns the tiers the cache under test uses.
	 * @param builder the spec to adapt
	 * @return the adapted spec builder
	 */
	protected abstract CacheSpec.Builder tiers(CacheSpec.Builder builder);

	@Override
	protected Cache createCache(boolean cacheNullValues) {
		CacheSpec spec = tiers(CacheSpec.builder("contract").cacheNullValues(cacheNullValues)).build();
		String prefix = "contract-" + UUID.randomUUID();
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, prefix).build())
			.cache(spec)
			.build()
			.getCache("contract");
	}

}
