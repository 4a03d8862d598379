package io.github.tieredcache.test.cache;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static io.github.tieredcache.test.cache.TieredCacheAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test class on L1 alone: no Redis server is configured (nothing listens on the port
 * below), yet the cache works and nothing waits for Redis.
 */
@SpringBootTest(classes = ProductApplication.class, properties = "spring.data.redis.port=1")
@WithoutRedis
@ClearTieredCaches
class WithoutRedisTests {

	@Autowired
	private ProductApplication.Products products;

	@Autowired
	private TieredCacheManager caches;

	@Autowired
	private ApplicationContext context;

	@Test
	void cachesRunInProcessAndNoBusStarts() {
		TieredCache cache = this.caches.getCache("products");
		String first = this.products.find(7);
		assertThat(this.products.find(7)).isEqualTo(first);
		assertThat(cache).hasLoads(1).hasL1Hits(1).hasL2Hits(0).containsKey(7L);
		assertThat(cache.remoteTier()).isNull();
		assertThat(this.context.getBeanProvider(InvalidationBus.class).getIfAvailable()).isNull();
	}

	@Test
	void assertionsSayWhatTheyCounted() {
		this.products.find(8);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.caches.getCache("products")).hasLoads(2))
			.withMessageContaining("Expected cache 'products' to count 2 loads in this test but it counted 1");
	}

}
