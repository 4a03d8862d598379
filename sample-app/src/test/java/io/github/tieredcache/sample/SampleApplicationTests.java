package io.github.tieredcache.sample;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's catalogue is served from the tiered cache after the first lookup.
 */
@SpringBootTest(properties = "tiered-cache.key-prefix=sample-test")
class SampleApplicationTests {

	private static final RedisServer redis = RedisServers.shared();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
	}

	@Autowired
	private ProductCatalog catalog;

	@Autowired
	private CacheManager cacheManager;

	@Test
	void secondLookupIsServedFromL1AndTheProductIsInRedis() {
		long before = this.catalog.lookups();
		Product first = this.catalog.find(7);
		Product second = this.catalog.find(7);
		assertThat(second).isEqualTo(first);
		assertThat(this.catalog.lookups() - before).isEqualTo(1);
		assertThat(this.cacheManager).isInstanceOf(TieredCacheManager.class);
		TieredCache products = (TieredCache) this.cacheManager.getCache("products");
		assertThat(products.statistics().snapshot().l1Hits()).isPositive();
		assertThat(redis.command("EXISTS", "sample-test:products:7")).isEqualTo("1");
	}

	@Test
	void afterL1IsEmptiedTheProductComesFromRedisWithoutALookup() {
		this.catalog.find(8);
		long before = this.catalog.lookups();
		TieredCache products = (TieredCache) this.cacheManager.getCache("products");
		products.localTier().clear();
		assertThat(this.catalog.find(8).id()).isEqualTo(8);
		assertThat(this.catalog.lookups()).isEqualTo(before);
	}

}
