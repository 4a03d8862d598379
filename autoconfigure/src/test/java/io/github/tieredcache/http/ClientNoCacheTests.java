package io.github.tieredcache.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.github.tieredcache.http.CatalogWebApplication.CatalogController;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code tiered-cache.http.honor-client-no-cache=true}, a client's
 * {@code Cache-Control: no-cache} runs the handler and its response replaces the entry
 * for everyone; counted.
 */
@SpringBootTest(classes = CatalogWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tiered-cache.http.honor-client-no-cache=true",
				"tiered-cache.http.status-header=X-Response-Cache" })
@RealRedis
class ClientNoCacheTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> "no-cache-tests-" + UUID.randomUUID());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogController controller;

	@Autowired
	private MeterRegistry registry;

	@Test
	void noCacheReplacesTheEntryForEveryone() {
		HttpResponse<String> first = get("/products/1", false);
		assertThat(first.headers().firstValue("X-Response-Cache")).hasValue("MISS");
		HttpResponse<String> refreshed = get("/products/1", true);
		assertThat(refreshed.headers().firstValue("X-Response-Cache")).hasValue("MISS");
		assertThat(refreshed.body()).isNotEqualTo(first.body());
		HttpResponse<String> after = get("/products/1", false);
		assertThat(after.headers().firstValue("X-Response-Cache")).hasValue("HIT");
		assertThat(after.body()).isEqualTo(refreshed.body());
		assertThat(this.controller.runs("product")).isEqualTo(2);
		assertThat(this.registry.get("tiered.cache.http.refreshes").functionCounter().count()).isOne();
	}

	private HttpResponse<String> get(String path, boolean noCache) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (noCache) {
			request.header("Cache-Control", "no-cache");
		}
		return CachedResponseAcceptanceTests.send(request.build());
	}

}
