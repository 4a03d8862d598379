package io.github.tieredcache.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.http.ResponseCacheOutcome;
import io.github.tieredcache.http.ResponseCaching;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @CachedResponse} on WebFlux handler methods returning {@code Mono} and
 * {@code Flux}, two instances on Netty sharing one Redis, called over HTTP: misses, hits
 * on either instance, {@code 304} and {@code HEAD} without the handler running,
 * invalidation from the other instance, and every case that must skip the cache.
 * BlockHound watches every event-loop and parallel thread meanwhile
 * ({@link NoBlockingCalls}).
 */
@RealRedis
@NoBlockingCalls
class CachedResponseOnWebFluxTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final ProductDatabase database = new ProductDatabase();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances(RedisServer redis) {
		String keyPrefix = "webflux-http-" + UUID.randomUUID();
		first = CatalogApplication.start(database, redis.url(), keyPrefix, "tiered-cache.http.max-body-size=1KB");
		second = CatalogApplication.start(database, redis.url(), keyPrefix, "tiered-cache.http.max-body-size=1KB");
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
	void aMissIsStoredAndAnsweredFromEitherInstanceWithoutRunningTheHandler() {
		database.insert(1, "Widget");
		int runsOnFirst = runs(first, "product");
		int runsOnSecond = runs(second, "product");
		HttpResponse<String> miss = get(first, "/public/products/1");
		assertThat(miss.statusCode()).isEqualTo(200);
		assertThat(header(miss, "X-Cache")).isEqualTo("MISS");
		assertThat(header(miss, "ETag")).matches("\"[A-Za-z0-9_-]{32}\"");
		assertThat(header(miss, "Age")).isEqualTo("0");
		assertThat(header(miss, "Cache-Control")).isEqualTo("max-age=300");
		assertThat(miss.body()).isEqualTo("{\"id\":1,\"name\":\"Widget\",\"version\":1}");
		assertThat(runs(first, "product")).isEqualTo(runsOnFirst + 1);
		HttpResponse<String> hit = get(first, "/public/products/1");
		assertThat(hit.statusCode()).isEqualTo(200);
		assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
		assertThat(header(hit, "ETag")).isEqualTo(header(miss, "ETag"));
		assertThat(header(hit, "Content-Type")).isEqualTo("application/json");
		assertThat(header(hit, "Content-Length")).isEqualTo(Integer.toString(miss.body().length()));
		assertThat(header(hit, "Cache-Control")).matches("max-age=(29\\d|300)");
		assertThat(header(hit, "Age")).matches("\\d+");
		assertThat(hit.body()).isEqualTo(miss.body());
		HttpResponse<String> fromRedis = get(second, "/public/products/1");
		assertThat(header(fromRedis, "X-Cache")).isEqualTo("HIT");
		assertThat(header(fromRedis, "ETag")).isEqualTo(header(miss, "ETag"));
		assertThat(fromRedis.body()).isEqualTo(miss.body());
		assertThat(runs(first, "product")).isEqualTo(runsOnFirst + 1);
		assertThat(runs(second, "product")).isEqualTo(runsOnSecond);
		assertThat(database.reads(1)).isOne();
	}

	@Test
	void aMatchingIfNoneMatchIsAnswered304WithoutRunningTheHandler() {
		database.insert(2, "Gadget");
		String etag = header(get(first, "/public/products/2"), "ETag");
		int runs = runs(second, "product");
		HttpResponse<String> notModified = send(request(second, "/public/products/2").header("If-None-Match", etag));
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(header(notModified, "ETag")).isEqualTo(etag);
		assertThat(header(notModified, "X-Cache")).isEqualTo("HIT");
		HttpResponse<String> otherTag = send(
				request(second, "/public/products/2").header("If-None-Match", "\"other\""));
		assertThat(otherTag.statusCode()).isEqualTo(200);
		assertThat(runs(second, "product")).isEqualTo(runs);
		assertThat(caching(second).count(ResponseCacheOutcome.NOT_MODIFIED)).isPositive();
	}

	@Test
	void headIsAnsweredFromTheEntry() {
		database.insert(3, "Gizmo");
		HttpResponse<String> get = get(first, "/public/products/3");
		int runs = runs(first, "product");
		HttpResponse<String> head = send(
				request(first, "/public/products/3").method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(header(head, "X-Cache")).isEqualTo("HIT");
		assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(get.body().length()));
		assertThat(head.body()).isEmpty();
		assertThat(runs(first, "product")).isEqualTo(runs);
	}

	@Test
	void aWriteOnOneInstanceInvalidatesTheResponseOnTheOther() {
		database.insert(4, "Doohickey");
		assertThat(header(get(second, "/public/products/4"), "X-Cache")).isEqualTo("MISS");
		assertThat(header(get(second, "/public/products/4"), "X-Cache")).isEqualTo("HIT");
		HttpResponse<String> written = put(first, "/products/4", "{\"name\":\"Doohickey Pro\"}");
		assertThat(written.statusCode()).isEqualTo(200);
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> after = get(second, "/public/products/4");
			assertThat(after.body()).isEqualTo(written.body());
			assertThat(header(after, "X-Cache")).isEqualTo("MISS");
		});
	}

	@Test
	void aResponseEntityKeepsItsHeadersAndTheConfiguredCacheControl() {
		database.insert(5, "Thingamajig");
		HttpResponse<String> miss = get(first, "/public/products/5/entity");
		assertThat(header(miss, "X-Cache")).isEqualTo("MISS");
		assertThat(header(miss, "Cache-Control")).isEqualTo("public, max-age=60");
		HttpResponse<String> hit = get(second, "/public/products/5/entity");
		assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
		assertThat(header(hit, "X-Source")).isEqualTo("catalog");
		assertThat(header(hit, "Cache-Control")).isEqualTo("public, max-age=60");
		assertThat(hit.body()).isEqualTo(miss.body());
	}

	@Test
	void aFluxIsCachedAsTheJsonArrayItWasWrittenAs() {
		HttpResponse<String> miss = get(first, "/public/products");
		assertThat(miss.body()).startsWith("[{\"id\":1,").endsWith("]");
		int runs = runs(second, "products");
		HttpResponse<String> hit = get(second, "/public/products");
		assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
		assertThat(hit.body()).isEqualTo(miss.body());
		assertThat(runs(second, "products")).isEqualTo(runs);
	}

	@Test
	void varyHeadersSelectTheirOwnResponse() {
		assertThat(send(request(first, "/public/greeting").header("Accept-Language", "de")).body()).isEqualTo("Hallo");
		HttpResponse<String> english = send(request(first, "/public/greeting").header("Accept-Language", "en"));
		assertThat(english.body()).isEqualTo("Hello");
		assertThat(header(english, "Vary")).isEqualTo("Accept-Language");
		HttpResponse<String> german = send(request(second, "/public/greeting").header("Accept-Language", "de"));
		assertThat(header(german, "X-Cache")).isEqualTo("HIT");
		assertThat(german.body()).isEqualTo("Hallo");
	}

	@Test
	void authenticatedRequestsBypassTheCache() {
		database.insert(6, "Whatsit");
		HttpResponse<String> authenticated = send(
				request(first, "/public/products/6").header("Authorization", "Bearer token"));
		assertThat(header(authenticated, "X-Cache")).isEqualTo("BYPASS");
		assertThat(authenticated.statusCode()).isEqualTo(200);
		HttpResponse<String> withSession = send(request(first, "/public/products/6").header("Cookie", "SESSION=abc"));
		assertThat(header(withSession, "X-Cache")).isEqualTo("BYPASS");
		assertThat(header(get(first, "/public/products/6"), "X-Cache")).isEqualTo("MISS");
	}

	@Test
	void responsesThatSetACookieAreNotStored() {
		HttpResponse<String> first = get(CachedResponseOnWebFluxTests.first, "/public/cookie");
		assertThat(header(first, "X-Cache")).isEqualTo("BYPASS");
		assertThat(header(first, "Set-Cookie")).isEqualTo("seen=1");
		assertThat(header(get(CachedResponseOnWebFluxTests.first, "/public/cookie"), "X-Cache")).isEqualTo("BYPASS");
		assertThat(caching(CachedResponseOnWebFluxTests.first).count(ResponseCacheOutcome.BYPASS_SET_COOKIE))
			.isEqualTo(2);
	}

	@Test
	void bodiesOverTheLimitAreWrittenWholeAndNotStored() {
		HttpResponse<String> big = get(first, "/public/big");
		assertThat(big.body()).hasSize(4096);
		assertThat(header(big, "X-Cache")).isEqualTo("BYPASS");
		assertThat(header(get(first, "/public/big"), "X-Cache")).isEqualTo("BYPASS");
		assertThat(caching(first).count(ResponseCacheOutcome.BYPASS_TOO_LARGE)).isEqualTo(2);
	}

	@Test
	void aFailingHandlerIsAServerErrorAndNothingIsStored() {
		int runs = runs(first, "fails");
		assertThat(get(first, "/public/fails").statusCode()).isEqualTo(500);
		assertThat(get(first, "/public/fails").statusCode()).isEqualTo(500);
		assertThat(runs(first, "fails")).isEqualTo(runs + 2);
	}

	@Test
	void serverSentEventsAreStreamedAndNotStored() {
		HttpResponse<String> events = get(first, "/public/ticks");
		assertThat(events.body()).contains("data:tick 0", "data:tick 2");
		assertThat(header(events, "X-Cache")).isEqualTo("BYPASS");
		assertThat(get(first, "/public/ticks").body()).contains("data:tick 2");
		assertThat(caching(first).count(ResponseCacheOutcome.BYPASS_STREAMING)).isEqualTo(2);
	}

	private static int runs(ConfigurableApplicationContext instance, String handler) {
		return instance.getBean(PublicCatalogController.class).runs(handler);
	}

	private static ResponseCaching caching(ConfigurableApplicationContext instance) {
		return instance.getBean(ResponseCaching.class);
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path) {
		return send(request(instance, path));
	}

	private static HttpResponse<String> put(ConfigurableApplicationContext instance, String path, String json) {
		return send(request(instance, path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
	}

	private static HttpRequest.Builder request(ConfigurableApplicationContext instance, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CatalogApplication.port(instance) + path))
			.timeout(WAIT);
	}

}
