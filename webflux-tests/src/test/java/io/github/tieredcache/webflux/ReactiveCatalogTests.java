package io.github.tieredcache.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a WebFlux application on Netty sharing one Redis and one database,
 * called over HTTP: {@code @Cached} on a method returning {@code Mono} loads once, shares
 * through Redis, is invalidated everywhere by a write, collapses a stampede into one load
 * across instances and caches no failure. BlockHound watches every event-loop and
 * parallel thread meanwhile ({@link NoBlockingCalls}).
 */
@RealRedis
@NoBlockingCalls
class ReactiveCatalogTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final ProductDatabase database = new ProductDatabase();

	private static String keyPrefix;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances(RedisServer redis) {
		keyPrefix = "webflux-" + UUID.randomUUID();
		first = CatalogApplication.start(database, redis.url(), keyPrefix,
				"tiered-cache.caches.products.single-flight=cluster");
		second = CatalogApplication.start(database, redis.url(), keyPrefix,
				"tiered-cache.caches.products.single-flight=cluster");
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	@Test
	void aProductLoadedByOneInstanceIsReadFromRedisByTheOtherWithoutLoading(RedisServer redis) {
		database.insert(1, "Widget");
		HttpResponse<String> miss = get(first, "/products/1");
		assertThat(miss.statusCode()).isEqualTo(200);
		assertThat(miss.body()).isEqualTo("{\"id\":1,\"name\":\"Widget\",\"version\":1}");
		assertThat(database.reads(1)).isOne();
		assertThat(redis.command("EXISTS", keyPrefix + ":products:1")).isEqualTo("1");
		TieredCacheStats before = stats(second);
		HttpResponse<String> fromRedis = get(second, "/products/1");
		assertThat(fromRedis.statusCode()).isEqualTo(200);
		assertThat(fromRedis.body()).isEqualTo(miss.body());
		assertThat(database.reads(1)).isOne();
		assertThat(stats(second).l2Hits()).isEqualTo(before.l2Hits() + 1);
		HttpResponse<String> fromMemory = get(second, "/products/1");
		assertThat(fromMemory.body()).isEqualTo(miss.body());
		assertThat(stats(second).l1Hits()).isEqualTo(before.l1Hits() + 1);
		assertThat(database.reads(1)).isOne();
	}

	@Test
	void aWriteOnOneInstanceInvalidatesTheProductOnTheOther() {
		database.insert(2, "Gadget");
		get(first, "/products/2");
		assertThat(get(second, "/products/2").body()).contains("\"name\":\"Gadget\"");
		HttpResponse<String> written = put(first, "/products/2", "{\"name\":\"Gadget Pro\"}");
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(written.body()).isEqualTo("{\"id\":2,\"name\":\"Gadget Pro\",\"version\":2}");
		assertThat(get(first, "/products/2").body()).isEqualTo(written.body());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get(second, "/products/2").body()).isEqualTo(written.body()));
		assertThat(stats(second).remoteInvalidations()).isPositive();
	}

	@Test
	void concurrentRequestsForAColdProductLoadItOncePerInstance() {
		database.insert(3, "Gizmo");
		database.slowReadsOf(3, Duration.ofMillis(300));
		long loadsBefore = stats(first).loadSuccesses() + stats(second).loadSuccesses();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			responses.add(getAsync((i % 2 == 0) ? first : second, "/products/3"));
		}
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response).succeedsWithin(WAIT)
				.satisfies((ok) -> assertThat(ok.statusCode()).isEqualTo(200))
				.satisfies((ok) -> assertThat(ok.body()).isEqualTo("{\"id\":3,\"name\":\"Gizmo\",\"version\":1}"));
		}
		// single-flight: cluster makes a reactive caller wait for another instance's
		// load too: one load for the whole cluster
		assertThat(database.reads(3)).isEqualTo(1);
		assertThat(stats(first).loadSuccesses() + stats(second).loadSuccesses() - loadsBefore)
			.isEqualTo(database.reads(3));
	}

	@Test
	void concurrentRequestsForAColdProductOnOneInstanceLoadItOnce() {
		database.insert(5, "Thingamajig");
		database.slowReadsOf(5, Duration.ofMillis(300));
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			responses.add(getAsync(first, "/products/5"));
		}
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response).succeedsWithin(WAIT).satisfies((ok) -> assertThat(ok.statusCode()).isEqualTo(200));
		}
		assertThat(database.reads(5)).isOne();
	}

	@Test
	void aFailingReadIsAServerErrorAndIsNotCached(RedisServer redis) {
		database.insert(4, "Doohickey");
		database.failReadsOf(4, "database unavailable");
		assertThat(get(first, "/products/4").statusCode()).isEqualTo(500);
		assertThat(get(first, "/products/4").statusCode()).isEqualTo(500);
		assertThat(get(second, "/products/4").statusCode()).isEqualTo(500);
		assertThat(database.reads(4)).isEqualTo(3);
		// The lease is given back in the background, after the response; a cached value
		// would stay
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(redis.command("EXISTS", keyPrefix + ":products:4")).isEqualTo("0"));
		assertThat(stats(first).loadFailures()).isPositive();
	}

	@Test
	void anUnknownProductIsNotFound() {
		assertThat(get(first, "/products/404").statusCode()).isEqualTo(404);
	}

	private static TieredCacheStats stats(ConfigurableApplicationContext instance) {
		TieredCache products = instance.getBean(TieredCacheManager.class).getCache("products");
		return products.statistics().snapshot();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path) {
		return getAsync(instance, path).join();
	}

	private static CompletableFuture<HttpResponse<String>> getAsync(ConfigurableApplicationContext instance,
			String path) {
		return http.sendAsync(request(instance, path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> put(ConfigurableApplicationContext instance, String path, String json) {
		HttpRequest request = request(instance, path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext instance, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CatalogApplication.port(instance) + path))
			.timeout(WAIT);
	}

}
