package io.github.tieredcache.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TieredCacheEndpoint} and {@link TieredCacheEndpointWebExtension} on
 * in-process caches.
 */
class TieredCacheEndpointTests {

	private final TieredCacheManager cacheManager = TieredCacheManager.builder()
		.cache(CacheSpec.builder("products").l1MaxSize(500).build())
		.build();

	private final TieredCacheEndpoint endpoint = new TieredCacheEndpoint(Map.of("cacheManager", this.cacheManager),
			null);

	private final TieredCacheEndpointWebExtension web = new TieredCacheEndpointWebExtension(this.endpoint);

	@Test
	void describesEveryCacheWithItsCountsAndRatios() {
		TieredCache products = this.cacheManager.getCache("products");
		products.get("1", () -> "one");
		products.get("1");
		products.get("1");
		CacheDescriptor descriptor = this.endpoint.caches()
			.cacheManagers()
			.get("cacheManager")
			.caches()
			.get("products");
		assertThat(descriptor.l1().size()).isEqualTo(1);
		assertThat(descriptor.l1().maxSize()).isEqualTo(500);
		assertThat(descriptor.l1().hits()).isEqualTo(2);
		assertThat(descriptor.l1().misses()).isEqualTo(1);
		assertThat(descriptor.gets().misses()).isEqualTo(1);
		assertThat(descriptor.gets().hitRatio()).isEqualTo(2.0 / 3);
		assertThat(descriptor.loads().successes()).isEqualTo(1);
		assertThat(descriptor.loads().meanTimeMillis()).isNotNull();
		assertThat(descriptor.puts()).isEqualTo(1);
		assertThat(descriptor.l2()).isNull();
		assertThat(this.endpoint.caches().l2().configured()).isFalse();
	}

	@Test
	void ratiosAreAbsentBeforeTheFirstLookup() {
		CacheDescriptor descriptor = this.endpoint.cache("products", null);
		assertThat(descriptor.gets().hitRatio()).isNull();
		assertThat(descriptor.loads().meanTimeMillis()).isNull();
	}

	@Test
	void unknownCacheIsNotFoundAndNotCreated() {
		assertThat(this.web.cache("unknown", null).getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(this.web.clear("unknown", null).getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(this.web.evict("unknown", "1", null).getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(this.cacheManager.getCacheNames()).containsExactly("products");
	}

	@Test
	void clearEmptiesTheCache() {
		TieredCache products = this.cacheManager.getCache("products");
		products.put("1", "one");
		assertThat(this.web.clear("products", null).getStatus()).isEqualTo(WebEndpointResponse.STATUS_NO_CONTENT);
		assertThat(products.get("1")).isNull();
	}

	@Test
	void evictTakesTheKeyAsItAppearsInRedis() {
		TieredCache products = this.cacheManager.getCache("products");
		products.put(42L, "answer");
		products.put(List.of("a", "b"), "composite");
		EvictionDescriptor evicted = this.endpoint.evict("products", "42", null);
		assertThat(evicted.present()).isTrue();
		assertThat(products.get(42L)).isNull();
		assertThat(this.endpoint.evict("products", products.encodeKey(List.of("a", "b")), null).present()).isTrue();
		assertThat(products.get(List.of("a", "b"))).isNull();
	}

	@Test
	void cacheNameHeldByTwoManagersNeedsTheCacheManagerParameter() {
		TieredCacheManager other = TieredCacheManager.builder().cache(CacheSpec.builder("products").build()).build();
		Map<String, TieredCacheManager> managers = new LinkedHashMap<>();
		managers.put("cacheManager", this.cacheManager);
		managers.put("otherCacheManager", other);
		TieredCacheEndpoint endpoint = new TieredCacheEndpoint(managers, null);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint.cache("products", null))
			.withMessageContaining("cacheManager parameter");
		assertThat(endpoint.cache("products", "otherCacheManager").cacheManager()).isEqualTo("otherCacheManager");
	}

}
