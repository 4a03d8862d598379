package io.github.tieredcache.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;

import io.github.tieredcache.http.CatalogWebApplication.CatalogController;
import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @CachedResponse} on a running server with a real Redis, called with a real HTTP
 * client: misses, hits, {@code 304}, {@code HEAD}, invalidation, and every case that must
 * skip the cache.
 */
@SpringBootTest(classes = CatalogWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tiered-cache.http.max-body-size=1KB" })
@RealRedis
class CachedResponseAcceptanceTests {

	private static final String KEY_PREFIX = "http-tests-" + UUID.randomUUID();

	private static final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> KEY_PREFIX);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogController controller;

	@Autowired
	private CacheInvalidator invalidator;

	@Autowired
	private MeterRegistry registry;

	@Test
	void aMissStoresTheResponseAndAHitAnswersWithoutRunningTheHandler() {
		int runs = this.controller.runs("product");
		HttpResponse<String> miss = get("/products/1");
		assertThat(miss.statusCode()).isEqualTo(200);
		assertThat(header(miss, "X-Cache")).isEqualTo("MISS");
		assertThat(header(miss, "ETag")).matches("\"[A-Za-z0-9_-]{32}\"");
		assertThat(header(miss, "Age")).isEqualTo("0");
		assertThat(header(miss, "Cache-Control")).isEqualTo("max-age=300");
		assertThat(miss.body()).isEqualTo("{\"id\":1,\"name\":\"product 1\",\"version\":" + (runs + 1) + "}");
		HttpResponse<String> hit = get("/products/1");
		assertThat(hit.statusCode()).isEqualTo(200);
		assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
		assertThat(header(hit, "ETag")).isEqualTo(header(miss, "ETag"));
		assertThat(header(hit, "Content-Type")).isEqualTo("application/json");
		assertThat(header(hit, "Cache-Control")).matches("max-age=(29\\d|300)");
		assertThat(header(hit, "Age")).matches("\\d+");
		assertThat(hit.body()).isEqualTo(miss.body());
		assertThat(this.controller.runs("product")).isEqualTo(runs + 1);
	}

	@Test
	void aMatchingIfNoneMatchIsAnswered304WithoutRunningTheHandler() {
		String etag = header(get("/products/2"), "ETag");
		int runs = this.controller.runs("product");
		HttpResponse<String> notModified = send(request("/products/2").header("If-None-Match", etag).build());
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(header(notModified, "ETag")).isEqualTo(etag);
		assertThat(header(notModified, "X-Cache")).isEqualTo("HIT");
		HttpResponse<String> otherTag = send(request("/products/2").header("If-None-Match", "\"other\"").build());
		assertThat(otherTag.statusCode()).isEqualTo(200);
		assertThat(this.controller.runs("product")).isEqualTo(runs);
		assertThat(counter("not_modified", "none")).isPositive();
	}

	@Test
	void headIsAnsweredFromTheEntry() {
		HttpResponse<String> get = get("/products/3");
		int runs = this.controller.runs("product");
		HttpResponse<String> head = send(
				request("/products/3").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(header(head, "X-Cache")).isEqualTo("HIT");
		assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(get.body().length()));
		assertThat(head.body()).isEmpty();
		assertThat(this.controller.runs("product")).isEqualTo(runs);
	}

	@Test
	void invalidateOnAndTagsRemoveTheEntry() {
		get("/products/4");
		this.invalidator.publish("product-changed", Map.of("id", 4L));
		HttpResponse<String> afterEvent = get("/products/4");
		assertThat(header(afterEvent, "X-Cache")).isEqualTo("MISS");
		assertThat(afterEvent.body()).contains("\"version\"");
		this.invalidator.invalidateTag("product:4");
		assertThat(header(get("/products/4"), "X-Cache")).isEqualTo("MISS");
		assertThat(header(get("/products/4"), "X-Cache")).isEqualTo("HIT");
	}

	@Test
	void aResponseEntityKeepsItsHeadersAndTheAnnotationsCacheControl() {
		HttpResponse<String> miss = get("/entities/1");
		assertThat(header(miss, "Cache-Control")).isEqualTo("public, max-age=60");
		HttpResponse<String> hit = get("/entities/1");
		assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
		assertThat(header(hit, "X-Source")).isEqualTo("catalog");
		assertThat(header(hit, "Cache-Control")).isEqualTo("public, max-age=60");
		assertThat(this.controller.runs("entity")).isOne();
	}

	@Test
	void varyHeadersSelectTheirOwnResponse() {
		HttpResponse<String> english = send(request("/greeting").header("Accept-Language", "en").build());
		HttpResponse<String> german = send(request("/greeting").header("Accept-Language", "de").build());
		assertThat(english.body()).isEqualTo("Hello");
		assertThat(german.body()).isEqualTo("Hallo");
		assertThat(header(german, "Vary")).isEqualTo("Accept-Language");
		HttpResponse<String> germanAgain = send(request("/greeting").header("Accept-Language", "de").build());
		assertThat(header(germanAgain, "X-Cache")).isEqualTo("HIT");
		assertThat(germanAgain.body()).isEqualTo("Hallo");
		assertThat(send(request("/greeting").header("Accept-Language", "en").build()).body()).isEqualTo("Hello");
		assertThat(this.controller.runs("greeting")).isEqualTo(2);
	}

	@Test
	void authenticatedRequestsBypassTheCache() {
		HttpResponse<String> withAuthorization = send(
				request("/products/5").header("Authorization", "Bearer secret").build());
		assertThat(header(withAuthorization, "X-Cache")).isEqualTo("BYPASS");
		HttpResponse<String> withSession = send(request("/products/5").header("Cookie", "JSESSIONID=abc").build());
		assertThat(header(withSession, "X-Cache")).isEqualTo("BYPASS");
		assertThat(header(get("/products/5"), "X-Cache")).isEqualTo("MISS");
		assertThat(counter("bypass", "authenticated")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void responsesSettingCookiesAreNotStored() {
		HttpResponse<String> first = get("/cookie");
		assertThat(header(first, "X-Cache")).isEqualTo("BYPASS");
		assertThat(header(first, "Set-Cookie")).isEqualTo("seen=1");
		assertThat(first.body()).isEqualTo("with a cookie");
		assertThat(header(get("/cookie"), "X-Cache")).isEqualTo("BYPASS");
		assertThat(this.controller.runs("cookie")).isEqualTo(2);
	}

	@Test
	void otherStatusesAreNotStored() {
		assertThat(get("/missing/1").statusCode()).isEqualTo(404);
		HttpResponse<String> again = get("/missing/1");
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(header(again, "X-Cache")).isEqualTo("BYPASS");
		assertThat(this.controller.runs("missing")).isEqualTo(2);
	}

	@Test
	void aBodyOverTheLimitPassesThroughUntouchedAndIsCounted() {
		double before = counter("bypass", "too_large");
		HttpResponse<String> big = get("/big");
		assertThat(big.statusCode()).isEqualTo(200);
		assertThat(big.body()).isEqualTo("x".repeat(4096));
		assertThat(header(big, "X-Cache")).isEqualTo("BYPASS");
		assertThat(get("/big").body()).hasSize(4096);
		assertThat(this.controller.runs("big")).isEqualTo(2);
		assertThat(counter("bypass", "too_large")).isEqualTo(before + 2);
	}

	@Test
	void aHandlerThatThrowsStoresNothing() {
		assertThat(get("/fails").statusCode()).isEqualTo(500);
		assertThat(get("/fails").statusCode()).isEqualTo(500);
		assertThat(this.controller.runs("fails")).isEqualTo(2);
	}

	@Test
	void streamingBodiesBypassTheCache() {
		HttpResponse<String> streamed = get("/stream");
		assertThat(streamed.body()).isEqualTo("streamed");
		assertThat(header(streamed, "X-Cache")).isEqualTo("BYPASS");
		assertThat(get("/stream").body()).isEqualTo("streamed");
		assertThat(this.controller.runs("stream")).isEqualTo(2);
	}

	@Test
	void aClientsNoCacheIsIgnoredByDefault() {
		get("/products/6");
		HttpResponse<String> noCache = send(request("/products/6").header("Cache-Control", "no-cache").build());
		assertThat(header(noCache, "X-Cache")).isEqualTo("HIT");
	}

	@Test
	void aResponseReadBeforeAnInvalidationIsAnsweredButNotStored() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch gate = new CountDownLatch(1);
		this.controller.holdSlow(started, gate);
		CompletableFuture<HttpResponse<String>> stale = CompletableFuture.supplyAsync(() -> get("/slow/1"));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.invalidator.invalidate("slow", 1L);
		gate.countDown();
		HttpResponse<String> answered = stale.get(10, TimeUnit.SECONDS);
		assertThat(header(answered, "X-Cache")).isEqualTo("MISS");
		assertThat(answered.body()).contains("\"version\":1");
		assertThat(this.registry.get("tiered.cache.http.stale.responses.prevented").functionCounter().count())
			.isEqualTo(1);
		this.controller.holdSlow(new CountDownLatch(1), new CountDownLatch(0));
		HttpResponse<String> next = get("/slow/1");
		assertThat(header(next, "X-Cache")).isEqualTo("MISS");
		assertThat(next.body()).contains("\"version\":2");
		assertThat(header(get("/slow/1"), "X-Cache")).isEqualTo("HIT");
	}

	@Test
	void anotherInstanceAnswersFromTheSharedTier() {
		String etag = header(get("/products/7"), "ETag");
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CatalogWebApplication.class).run(
				"--server.port=0", "--spring.data.redis.url=" + RedisServers.shared().url(),
				"--tiered-cache.key-prefix=" + KEY_PREFIX)) {
			int port = ((WebServerApplicationContext) second).getWebServer().getPort();
			HttpResponse<String> hit = send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/products/7")).build());
			assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
			assertThat(header(hit, "ETag")).isEqualTo(etag);
			assertThat(second.getBean(CatalogController.class).runs("product")).isZero();
		}
	}

	private double counter(String result, String reason) {
		return this.registry.get("tiered.cache.http.responses")
			.tag("result", result)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private HttpResponse<String> get(String path) {
		return send(request(path).build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
