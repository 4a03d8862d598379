package io.github.tieredcache.test.cache;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.tieredcache.test.cache.TieredCacheAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tests that read the same key: each starts with clean caches, in L1 and in Redis,
 * and counts only its own activity.
 */
@SpringBootTest(classes = ProductApplication.class, properties = "tiered-cache.key-prefix=clear-tests")
@ClearTieredCaches
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClearTieredCachesTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
	}

	@Autowired
	private ProductApplication.Products products;

	@Autowired
	private TieredCacheManager caches;

	@Test
	@Order(1)
	void aTestFillsTheCache() {
		TieredCache cache = this.caches.getCache("products");
		assertThat(cache).doesNotContainKey(1L);
		String first = this.products.find(1);
		assertThat(this.products.find(1)).isEqualTo(first);
		assertThat(cache).hasMisses(1).hasLoads(1).hasL1Hits(1).containsKey(1L);
		assertThat(cache.remoteTier().get(cache.encodeKey(1L))).isNotNull();
	}

	@Test
	@Order(2)
	void theNextTestStartsWithBothTiersEmptyAndItsOwnCounts() {
		TieredCache cache = this.caches.getCache("products");
		assertThat(cache).doesNotContainKey(1L).hasMisses(0).hasLoads(0);
		this.products.find(1);
		assertThat(cache).hasMisses(1).hasLoads(1).hasL1Hits(0);
	}

}
