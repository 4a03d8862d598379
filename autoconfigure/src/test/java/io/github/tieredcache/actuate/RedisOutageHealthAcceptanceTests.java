package io.github.tieredcache.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.actuate.ObservedCatalogApplication.Catalog;
import io.github.tieredcache.actuate.ObservedCatalogApplication.Http;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
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
import static org.awaitility.Awaitility.await;

/**
 * A web application with every actuator endpoint exposed and the probes enabled, whose
 * Redis is killed: its health, liveness and readiness stay UP and answer quickly, while
 * the details tell that Redis is unreachable and the invalidation bus not subscribed.
 */
@SpringBootTest(classes = ObservedCatalogApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
				"management.endpoint.health.probes.enabled=true", "tiered-cache.caches.products.ttl=10m" })
@RealRedis
@Tag("fault")
class RedisOutageHealthAcceptanceTests {

	/** Generous, for a loaded build machine; each check waits at most its 500 ms ping. */
	private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);

	private static final RedisServer redis = RedisServers.startDedicated();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::url);
		registry.add("tiered-cache.key-prefix", () -> "health-outage-" + UUID.randomUUID());
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Catalog catalog;

	@Test
	void redisOutageLeavesTheApplicationUpAndShowsInTheDetails() {
		Http http = new Http(this.port);
		this.catalog.find("1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "UP".equals(
					json(http.get("/actuator/health")).at("/components/tieredCache/details/sync/status").asString()));
		assertThat(json(http.get("/actuator/health")).at("/components/redis/status").asString()).isEqualTo("UP");

		redis.kill();
		this.catalog.find("1");
		this.catalog.find("2");

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			JsonNode tieredCache = json(http.get("/actuator/health")).at("/components/tieredCache/details");
			assertThat(tieredCache.at("/l2/status").asString()).isEqualTo("DOWN");
			assertThat(tieredCache.at("/sync/status").asString()).isEqualTo("DOWN");
			assertThat(tieredCache.at("/sync/subscription").asString()).isEqualTo("disconnected");
		});
		long started = System.nanoTime();
		HttpResponse<String> health = http.get("/actuator/health");
		Duration answered = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("/actuator/health answered " + health.statusCode() + " in " + answered.toMillis()
				+ " ms while Redis was down: " + health.body());
		assertThat(answered).isLessThan(ANSWER_BOUND);
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = json(health);
		assertThat(body.at("/status").asString()).isEqualTo("UP");
		assertThat(body.at("/components/redis/status").asString()).isEqualTo("DEGRADED");
		assertThat(body.at("/components/redis/details/reachable").asBoolean()).isFalse();
		assertThat(body.at("/components/tieredCache/status").asString()).isEqualTo("UP");
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			HttpResponse<String> response = http.get(probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(json(response).at("/status").asString()).as(probe).isEqualTo("UP");
		}
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.builder().build().readTree(response.body());
	}

}
