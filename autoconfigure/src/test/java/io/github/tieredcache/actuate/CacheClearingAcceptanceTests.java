package io.github.tieredcache.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.actuate.ObservedCatalogApplication.Catalog;
import io.github.tieredcache.actuate.ObservedCatalogApplication.Http;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code management.endpoint.tieredcache.access=unrestricted}, the
 * {@code tieredcache} endpoint clears a cache and evicts a key in both tiers of a real
 * Redis, and on a second instance through the invalidation bus.
 */
@SpringBootTest(classes = ObservedCatalogApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus,tieredcache",
				"management.endpoint.tieredcache.access=unrestricted", "tiered-cache.caches.products.ttl=10m" })
@RealRedis
class CacheClearingAcceptanceTests {

	private static final String KEY_PREFIX = "clearing-tests-" + UUID.randomUUID();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> KEY_PREFIX);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Catalog catalog;

	@Autowired
	private TieredCacheManager cacheManager;

	private Http http;

	private TieredCache products;

	@BeforeEach
	void fillTheCache() {
		this.http = new Http(this.port);
		this.products = this.cacheManager.getCache("products");
		this.catalog.find("1");
		this.catalog.find("2");
	}

	@Test
	void deleteAlsoClearsTheCacheOnASecondInstance() {
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ObservedCatalogApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.data.redis.url=" + RedisServers.shared().url(), "--tiered-cache.key-prefix=" + KEY_PREFIX,
					"--tiered-cache.caches.products.ttl=10m")) {
			TieredCache productsOnSecond = second.getBean(TieredCacheManager.class).getCache("products");
			// A new subscription flushes L1 (invalidations may have been missed before
			// it):
			// fill the second instance's L1 once it listens
			InvalidationBus bus = second.getBean(InvalidationBus.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				second.getBean(Catalog.class).find("1");
				return productsOnSecond.localTier().get("1") != null;
			});
			assertThat(this.http.delete("/actuator/tieredcache/products").statusCode()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(5)).until(() -> productsOnSecond.localTier().get("1") == null);
		}
	}

	@Test
	void deleteClearsTheCacheInBothTiers(RedisServer redis) {
		assertThat(redis.command("EXISTS", redisKey("1"))).isEqualTo("1");
		assertThat(this.products.localTier().get("1")).isNotNull();
		HttpResponse<String> response = this.http.delete("/actuator/tieredcache/products");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.products.localTier().get("1")).isNull();
		assertThat(this.products.localTier().get("2")).isNull();
		assertThat(redis.command("EXISTS", redisKey("1"))).isEqualTo("0");
		assertThat(redis.command("EXISTS", redisKey("2"))).isEqualTo("0");
		int lookups = this.catalog.lookups();
		this.catalog.find("1");
		assertThat(this.catalog.lookups()).isEqualTo(lookups + 1);
	}

	@Test
	void deleteOfAnUnknownCacheIsNotFound() {
		assertThat(this.http.delete("/actuator/tieredcache/unknown").statusCode()).isEqualTo(404);
		assertThat(this.cacheManager.getCacheNames()).doesNotContain("unknown");
	}

	@Test
	void postWithAKeyEvictsThatKeyFromBothTiers(RedisServer redis) {
		HttpResponse<String> response = this.http.postJson("/actuator/tieredcache/products", "{\"key\":\"1\"}");
		JsonNode evicted = ObservabilityAcceptanceTests.json(response);
		assertThat(evicted.path("present").asBoolean()).isTrue();
		assertThat(this.products.localTier().get("1")).isNull();
		assertThat(redis.command("EXISTS", redisKey("1"))).isEqualTo("0");
		assertThat(this.products.localTier().get("2")).isNotNull();
		assertThat(redis.command("EXISTS", redisKey("2"))).isEqualTo("1");
	}

	private static String redisKey(String id) {
		return KEY_PREFIX + ":products:" + id;
	}

}
