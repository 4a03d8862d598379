package io.github.tieredcache.actuate;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.github.tieredcache.actuate.ObservedCatalogApplication.Catalog;
import io.github.tieredcache.actuate.ObservedCatalogApplication.Http;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the actuator and a Prometheus registry, on a real Redis, seen from
 * outside after some cache traffic: Prometheus shows Spring Boot's cache meters and the
 * tier meters, the {@code tieredcache} endpoint shows the same counts, and clearing a
 * cache is refused with the default (read-only) access.
 */
@SpringBootTest(classes = ObservedCatalogApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus,tieredcache",
				"management.endpoint.health.show-details=always", "tiered-cache.caches.products.ttl=10m" })
@RealRedis
class ObservabilityAcceptanceTests {

	static final String KEY_PREFIX = "observability-tests-" + UUID.randomUUID();

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

	@BeforeEach
	void cacheTraffic() {
		this.http = new Http(this.port);
		String id = UUID.randomUUID().toString();
		this.catalog.find(id);
		this.catalog.find(id);
		this.catalog.find(id);
	}

	@Test
	void prometheusShowsSpringBootsCacheMetersAndTheTierMeters() {
		String scrape = this.http.get("/actuator/prometheus").body();
		assertThat(scrape)
			.containsPattern("(?m)^cache_gets_total\\{[^}]*cache=\"products\"[^}]*result=\"hit\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern(
				"(?m)^tiered_cache_gets_total\\{[^}]*cache=\"products\"[^}]*result=\"hit\"[^}]*tier=\"l1\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern("(?m)^tiered_cache_gets_total\\{[^}]*result=\"miss\"[^}]*tier=\"l2\"");
		assertThat(scrape).containsPattern("(?m)^tiered_cache_loads_seconds_count\\{[^}]*result=\"success\"");
		assertThat(scrape).containsPattern("(?m)^tiered_cache_l2_errors_total\\{[^}]*cache=\"products\"");
		assertThat(scrape).containsPattern("(?m)^cache_size\\{[^}]*cache=\"products\"");
	}

	@Test
	void cachesCreatedOnDemandAfterStartUpGetMetersToo() {
		assertThat(this.cacheManager.getCacheNames()).contains("products");
		this.catalog.price(UUID.randomUUID().toString());
		String scrape = this.http.get("/actuator/prometheus").body();
		assertThat(scrape)
			.containsPattern("(?m)^cache_gets_total\\{[^}]*cache=\"prices\"[^}]*result=\"miss\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern("(?m)^tiered_cache_gets_total\\{[^}]*cache=\"prices\"[^}]*tier=\"l2\"");
	}

	@Test
	void endpointShowsTheSameCountsAsPrometheus() {
		String scrape = this.http.get("/actuator/prometheus").body();
		JsonNode products = json(this.http.get("/actuator/tieredcache")).path("cacheManagers")
			.path("cacheManager")
			.path("caches")
			.path("products");
		assertThat(products.path("l1").path("hits").asLong())
			.isEqualTo((long) sample(scrape, "tiered_cache_gets_total", "products", "result=\"hit\"", "tier=\"l1\""));
		assertThat(products.path("l2").path("misses").asLong())
			.isEqualTo((long) sample(scrape, "tiered_cache_gets_total", "products", "result=\"miss\"", "tier=\"l2\""));
		assertThat(products.path("gets").path("hits").asLong())
			.isEqualTo((long) sample(scrape, "cache_gets_total", "products", "result=\"hit\""));
		assertThat(products.path("puts").asLong()).isEqualTo((long) sample(scrape, "cache_puts_total", "products"));
	}

	@Test
	void endpointShowsOneCacheAndTheStateOfRedis() {
		HttpResponse<String> response = this.http.get("/actuator/tieredcache/products");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode products = json(response);
		assertThat(products.path("l1").path("maxSize").asLong()).isEqualTo(10_000);
		assertThat(products.path("ttl").asString()).isEqualTo("PT10M");
		assertThat(products.path("l1").path("hits").asLong()).isPositive();
		JsonNode l2 = json(this.http.get("/actuator/tieredcache")).path("l2");
		assertThat(l2.path("reachable").asBoolean()).isTrue();
		assertThat(l2.path("usedMemory").asLong()).isPositive();
		assertThat(l2.has("evictedKeys")).isTrue();
		assertThat(l2.toString()).doesNotContain("redis://");
	}

	@Test
	void endpointAnswersNotFoundForAnUnknownCacheWithoutCreatingIt() {
		assertThat(this.http.get("/actuator/tieredcache/unknown").statusCode()).isEqualTo(404);
		assertThat(this.cacheManager.getCacheNames()).doesNotContain("unknown");
	}

	@Test
	void clearingACacheIsRefusedWithTheDefaultAccess() {
		HttpResponse<String> response = this.http.delete("/actuator/tieredcache/products");
		assertThat(response.statusCode()).isEqualTo(405);
		TieredCache products = this.cacheManager.getCache("products");
		assertThat(products.localTier().estimatedSize()).isPositive();
	}

	@Test
	void healthShowsBothTiers() {
		JsonNode health = json(this.http.get("/actuator/health")).path("components").path("tieredCache");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("details").path("l1").path("caches").asLong()).isPositive();
		assertThat(health.path("details").path("l2").path("status").asString()).isEqualTo("UP");
	}

	static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	/**
	 * Returns the value of the one sample of a metric for a cache whose labels contain
	 * all the given ones.
	 */
	static double sample(String scrape, String metric, String cache, String... labels) {
		return scrape.lines()
			.filter((line) -> line.startsWith(metric + "{") && line.contains("cache=\"" + cache + "\""))
			.filter((line) -> java.util.Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.reduce((a, b) -> {
				throw new IllegalStateException("Several samples of " + metric + " for " + cache);
			})
			.orElseThrow(() -> new IllegalStateException("No sample of " + metric + " for " + cache));
	}

}
