package io.github.tieredcache.webhook;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.webhook.WebhookApplication.Prices;
import io.github.tieredcache.webhook.WebhookApplication.Sender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import static org.awaitility.Awaitility.await;

/**
 * The webhook on two running instances sharing a real Redis: a signed call invalidates on
 * both and is accepted once across them; garbage, oversized, unsigned, wrongly signed,
 * stale and replayed calls invalidate nothing and are answered with a problem detail.
 */
@SpringBootTest(classes = WebhookApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tiered-cache.webhook.secret=" + WebhookApplication.SECRET, "tiered-cache.caches.prices.ttl=10m",
				"tiered-cache.create-on-demand=false" })
@RealRedis
class WebhookAcceptanceTests {

	private static final String KEY_PREFIX = "webhook-tests-" + UUID.randomUUID();

	private static ConfigurableApplicationContext second;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> KEY_PREFIX);
	}

	@BeforeAll
	static void startSecondInstance() {
		second = new SpringApplicationBuilder(WebhookApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + RedisServers.shared().url(), "--tiered-cache.key-prefix=" + KEY_PREFIX,
				"--tiered-cache.webhook.secret=" + WebhookApplication.SECRET, "--tiered-cache.caches.prices.ttl=10m",
				"--tiered-cache.create-on-demand=false");
		InvalidationBus bus = second.getBean(InvalidationBus.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
	}

	@AfterAll
	static void stopSecondInstance() {
		second.close();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Prices prices;

	@Autowired
	private TieredCacheManager cacheManager;

	@Autowired
	private MeterRegistry registry;

	private Sender first;

	private TieredCache cache;

	@BeforeEach
	void connect() {
		this.first = new Sender(this.port);
		this.cache = this.cacheManager.getCache("prices");
	}

	@Test
	void aSignedEventInvalidatesTheEntryOnEveryInstance(RedisServer redis) {
		TieredCache cacheOnSecond = second.getBean(TieredCacheManager.class).getCache("prices");
		String sku = "A-" + UUID.randomUUID();
		String price = this.prices.price(sku);
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			second.getBean(Prices.class).price(sku);
			return cacheOnSecond.localTier().get(sku) != null;
		});
		HttpResponse<String> response = this.first
			.signed("{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + sku + "\"}}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.cache.localTier().get(sku)).isNull();
		assertThat(redis.command("EXISTS", KEY_PREFIX + ":prices:" + sku)).isEqualTo("0");
		await().atMost(Duration.ofSeconds(5)).until(() -> cacheOnSecond.localTier().get(sku) == null);
		assertThat(this.prices.price(sku)).isNotEqualTo(price);
	}

	@Test
	void keysOfACacheAreInvalidatedOnEveryInstance() {
		TieredCache cacheOnSecond = second.getBean(TieredCacheManager.class).getCache("prices");
		String sku = "K-" + UUID.randomUUID();
		this.prices.price(sku);
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			second.getBean(Prices.class).price(sku);
			return cacheOnSecond.localTier().get(sku) != null;
		});
		HttpResponse<String> response = new Sender(secondPort())
			.signed("{\"cache\":\"prices\",\"keys\":[\"" + sku + "\"]}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(cacheOnSecond.localTier().get(sku)).isNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.cache.localTier().get(sku) == null);
	}

	@Test
	void aCallAcceptedByOneInstanceIsRefusedByTheOther() {
		String body = "{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + UUID.randomUUID() + "\"}}";
		String timestamp = Sender.timestamp();
		String signature = Sender.sign(timestamp, body);
		double remembered = signatures("redis");
		assertThat(this.first.send(body, timestamp, signature).statusCode()).isEqualTo(202);
		assertThat(signatures("redis")).isEqualTo(remembered + 1);
		HttpResponse<String> replay = new Sender(secondPort()).send(body, timestamp, signature);
		assertThat(replay.statusCode()).isEqualTo(409);
		assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(replay.body()).contains("\"status\":409", "\"reason\":\"replayed\"")
			.doesNotContain(signature.substring(7, 30));
	}

	@Test
	void refusedCallsInvalidateNothing(RedisServer redis) {
		String sku = "R-" + UUID.randomUUID();
		this.prices.price(sku);
		int lookups = this.prices.lookups();
		String body = "{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + sku + "\"}}";
		String now = Sender.timestamp();
		String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
		String garbage = "{\"event\":";

		assertRefused(this.first.send(garbage, now, Sender.sign(now, garbage)), 400, "malformed");
		assertRefused(this.first.send(body, null, null), 401, "unsigned");
		String wrong = Sender.sign(now, body.replace("R-", "S-"));
		HttpResponse<String> wronglySigned = this.first.send(body, now, wrong);
		assertRefused(wronglySigned, 401, "bad_signature");
		assertThat(wronglySigned.body()).doesNotContain(wrong.substring(7, 30))
			.doesNotContain(WebhookApplication.SECRET);
		assertRefused(this.first.send(body, stale, Sender.sign(stale, body)), 401, "stale");
		String large = "{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + sku + "\",\"pad\":\""
				+ "x".repeat(70_000) + "\"}}";
		assertRefused(this.first.send(large, now, Sender.sign(now, large)), 413, "too_large");
		assertRefused(chunked(large, now, Sender.sign(now, large)), 413, "too_large");
		assertRefused(this.first.send("{\"cache\":\"pricez\",\"keys\":[\"" + sku + "\"]}", now,
				Sender.sign(now, "{\"cache\":\"pricez\",\"keys\":[\"" + sku + "\"]}")), 400, "unknown_cache");

		assertThat(this.cache.localTier().get(sku)).isNotNull();
		assertThat(redis.command("EXISTS", KEY_PREFIX + ":prices:" + sku)).isEqualTo("1");
		this.prices.price(sku);
		assertThat(this.prices.lookups()).isEqualTo(lookups);
		assertThat(calls("refused", "bad_signature")).isPositive();
		assertThat(calls("refused", "too_large")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aReplayedCallInvalidatesNothingTheSecondTime() {
		String sku = "P-" + UUID.randomUUID();
		String body = "{\"event\":\"price-changed\",\"context\":{\"sku\":\"" + sku + "\"}}";
		String timestamp = Sender.timestamp();
		String signature = Sender.sign(timestamp, body);
		assertThat(this.first.send(body, timestamp, signature).statusCode()).isEqualTo(202);
		this.prices.price(sku);
		int lookups = this.prices.lookups();
		assertRefused(this.first.send(body, timestamp, signature), 409, "replayed");
		this.prices.price(sku);
		assertThat(this.prices.lookups()).isEqualTo(lookups);
	}

	private HttpResponse<String> chunked(String body, String timestamp, String signature) {
		return Sender.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cache/invalidations"))
			.header("X-Cache-Timestamp", timestamp)
			.header("X-Cache-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes())))
			.build());
	}

	private static void assertRefused(HttpResponse<String> response, int status, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status, "\"reason\":\"" + reason + "\"",
				"\"instance\":\"/cache/invalidations\"");
	}

	private double calls(String result, String reason) {
		return this.registry.get("tiered.cache.webhook.calls")
			.tag("result", result)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private double signatures(String store) {
		return this.registry.get("tiered.cache.webhook.signatures").tag("store", store).functionCounter().count();
	}

	private static int secondPort() {
		return ((WebServerApplicationContext) second).getWebServer().getPort();
	}

}
