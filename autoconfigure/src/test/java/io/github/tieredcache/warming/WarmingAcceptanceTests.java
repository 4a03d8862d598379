package io.github.tieredcache.warming;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.annotation.Warmer;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.warming.WarmedCatalog.Database;
import io.github.tieredcache.warming.WarmedCatalog.Products;
import io.github.tieredcache.warming.WarmedCatalog.TopProducts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Start-up and scheduled warming of a whole application against a real Redis: readiness,
 * the first request, failing and slow warmers, and a scheduled warmer on two instances.
 */
@RealRedis
class WarmingAcceptanceTests {

	private final String keyPrefix = "warming-" + UUID.randomUUID();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void readinessAcceptsTrafficOnlyAfterWarmingAndTheFirstRequestIsAnL1HitWithoutAQuery(RedisServer redis) {
		ConfigurableApplicationContext context = start(WebApplicationType.NONE);
		TopProducts warmer = context.getBean(TopProducts.class);
		assertThat(warmer.readinessWhileWarming()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		WarmerState state = context.getBean(CacheWarming.class).warmer("topProducts");
		assertThat(state.status()).isEqualTo(WarmerState.Status.SUCCEEDED);
		assertThat(state.lastEntries()).isEqualTo(1000);
		Database database = context.getBean(Database.class);
		int queries = database.queries();
		assertThat(context.getBean(Products.class).find(42)).isEqualTo("product-42");
		assertThat(database.queries()).isEqualTo(queries);
		TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
		assertThat(products.statistics().snapshot().l1Hits()).isEqualTo(1);
		assertThat(redis.command("EXISTS", this.keyPrefix + ":products:1000")).isEqualTo("1");
	}

	@Test
	void aFailingWarmerLeavesTheApplicationUpWithTheFailureInTheEndpointAndTheMetrics() {
		ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, BrokenWarmer.class,
				"--server.port=0", "--management.endpoints.web.exposure.include=tieredcache,prometheus");
		assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String endpoint = get(port, "/actuator/tieredcache");
		assertThat(endpoint).contains("\"name\":\"broken\"")
			.contains("\"status\":\"FAILED\"")
			.contains("the catalogue database is down")
			.contains("\"name\":\"topProducts\"")
			.contains("\"status\":\"SUCCEEDED\"");
		String prometheus = get(port, "/actuator/prometheus");
		assertThat(prometheus)
			.contains("tiered_cache_warmings_total{cache=\"products\",result=\"failure\",warmer=\"broken\"} 1.0")
			.contains("tiered_cache_warmings_total{cache=\"products\",result=\"success\",warmer=\"topProducts\"} 1.0")
			.contains("tiered_cache_warming_entries_total{cache=\"products\",warmer=\"topProducts\"} 1000.0");
	}

	@Test
	void withFailFastAFailingWarmerStopsTheApplicationNamingTheWarmer() {
		assertThatException()
			.isThrownBy(
					() -> start(WebApplicationType.NONE, BrokenWarmer.class, "--tiered-cache.warming.fail-fast=true"))
			.satisfies((failure) -> {
				CacheWarmingException cause = cause(failure, CacheWarmingException.class);
				assertThat(cause.getMessage())
					.contains("broken (failed: java.lang.IllegalStateException: " + "the catalogue database is down)")
					.contains("tiered-cache.warming.fail-fast=false");
				assertThat(cause.getFailed()).extracting(WarmerState::name).containsExactly("broken");
			});
	}

	@Test
	void readinessIsNotHeldPastTheStartupTimeout() {
		SlowWarmer.release = new CountDownLatch(1);
		try {
			ConfigurableApplicationContext context = start(WebApplicationType.NONE, SlowWarmer.class,
					"--tiered-cache.warming.startup-timeout=300ms");
			assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
				.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(context.getBean(CacheWarming.class).warmer("slow").status())
				.isEqualTo(WarmerState.Status.RUNNING);
		}
		finally {
			SlowWarmer.release.countDown();
		}
	}

	@Test
	void withoutHoldingReadinessWarmersRunInTheBackground() {
		SlowWarmer.release = new CountDownLatch(1);
		ConfigurableApplicationContext context = start(WebApplicationType.NONE, SlowWarmer.class,
				"--tiered-cache.warming.hold-readiness=false");
		assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		WarmerState slow = context.getBean(CacheWarming.class).warmer("slow");
		await().atMost(Duration.ofSeconds(10)).until(() -> slow.status() == WarmerState.Status.RUNNING);
		SlowWarmer.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.status() == WarmerState.Status.SUCCEEDED);
		TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
		assertThat(products.get("slow-1")).isNotNull();
	}

	@Test
	void aWarmerThatOutlivesItsTimeoutIsInterruptedAndWritesNothing() {
		SlowWarmer.release = new CountDownLatch(1);
		try {
			ConfigurableApplicationContext context = start(WebApplicationType.NONE, SlowWarmer.class,
					"--tiered-cache.warming.warmers.slow.timeout=300ms");
			WarmerState slow = context.getBean(CacheWarming.class).warmer("slow");
			assertThat(slow.status()).isEqualTo(WarmerState.Status.TIMED_OUT);
			assertThat(slow.timeouts()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> SlowWarmer.interrupted);
			TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
			assertThat(products.get("slow-1")).isNull();
		}
		finally {
			SlowWarmer.release.countDown();
		}
	}

	@Test
	void warmersStartHighestPriorityFirst() {
		OrderedWarmers.order.clear();
		start(WebApplicationType.NONE, OrderedWarmers.class, "--tiered-cache.warming.max-concurrency=1",
				"--tiered-cache.warming.warmers.first.priority=50");
		assertThat(OrderedWarmers.order).containsExactly("first", "second", "third");
	}

	@Test
	void aWarmerCallingCachedMethodsFillsTheirCacheAndCountsTheEntries() {
		ConfigurableApplicationContext context = start(WebApplicationType.NONE, CallingWarmer.class);
		WarmerState state = context.getBean(CacheWarming.class).warmer("recentProducts");
		assertThat(state.status()).isEqualTo(WarmerState.Status.SUCCEEDED);
		assertThat(state.lastEntries()).isEqualTo(10);
		Database database = context.getBean(Database.class);
		int queries = database.queries();
		context.getBean(Products.class).find(5000);
		assertThat(database.queries()).isEqualTo(queries);
	}

	@Test
	void twoInstancesRunAScheduledWarmerOncePerInterval() {
		ScheduledWarmer.slots.clear();
		String[] args = { "--tiered-cache.warming.jitter=0.5", "--tiered-cache.warming.on-startup=false" };
		ConfigurableApplicationContext first = start(WebApplicationType.NONE, ScheduledWarmer.class, args);
		ConfigurableApplicationContext second = start(WebApplicationType.NONE, ScheduledWarmer.class, args);
		await().atMost(Duration.ofSeconds(20)).until(() -> ScheduledWarmer.slots.size() >= 4);
		List<Long> slots = List.copyOf(ScheduledWarmer.slots);
		assertThat(slots).doesNotHaveDuplicates();
		WarmerState onFirst = first.getBean(CacheWarming.class).warmer("everySecond");
		WarmerState onSecond = second.getBean(CacheWarming.class).warmer("everySecond");
		assertThat(onFirst.skips() + onSecond.skips()).isPositive();
		TieredCache onSecondCache = second.getBean(TieredCacheManager.class).getCache("products");
		await().atMost(Duration.ofSeconds(5)).until(() -> onSecondCache.get("scheduled") != null);
	}

	private ConfigurableApplicationContext start(WebApplicationType type, Object... sourcesAndArgs) {
		List<Class<?>> sources = new ArrayList<>(List.of(WarmedCatalog.class));
		List<String> args = new ArrayList<>(List.of("--spring.data.redis.url=" + RedisServers.shared().url(),
				"--tiered-cache.key-prefix=" + this.keyPrefix, "--tiered-cache.warming.progress-interval=1s"));
		for (Object item : sourcesAndArgs) {
			if (item instanceof Class<?> source) {
				sources.add(source);
			}
			else if (item instanceof String[] many) {
				args.addAll(List.of(many));
			}
			else {
				args.add((String) item);
			}
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(type)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("Expected a " + type.getName() + " among the causes of " + failure, failure);
	}

	private static String get(int port, String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenWarmer {

		@Bean
		CacheWarmer broken() {
			return CacheWarmer.of("broken", "products", () -> {
				throw new IllegalStateException("the catalogue database is down");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowWarmer {

		static volatile CountDownLatch release = new CountDownLatch(0);

		static volatile boolean interrupted;

		@Bean
		CacheWarmer slow() {
			interrupted = false;
			return CacheWarmer.of("slow", "products", () -> {
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
					throw ex;
				}
				return Map.of("slow-1", "value");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedWarmers {

		static final List<String> order = new CopyOnWriteArrayList<>();

		@Bean
		CacheWarmer first() {
			return recording("first", 1);
		}

		@Bean
		CacheWarmer second() {
			return recording("second", 5);
		}

		@Bean
		CacheWarmer third() {
			return recording("third", 0);
		}

		private static CacheWarmer recording(String name, int priority) {
			return CacheWarmer.of(name, "products", () -> {
				order.add(name);
				return Map.of();
			}).withPolicy(WarmingPolicy.defaults().withPriority(priority));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CallingWarmer {

		@Bean
		RecentProducts recentProducts(Products products) {
			return new RecentProducts(products);
		}

	}

	static class RecentProducts {

		private final Products products;

		RecentProducts(Products products) {
			this.products = products;
		}

		@Warmer(cache = "products")
		public void recentProducts() {
			for (long id = 5000; id < 5010; id++) {
				this.products.find(id);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduledWarmer {

		static final List<Long> slots = new CopyOnWriteArrayList<>();

		@Bean
		CacheWarmer everySecond() {
			return CacheWarmer.of("everySecond", "products", () -> {
				slots.add(System.currentTimeMillis() / 1000);
				return Map.of("scheduled", "value");
			}).withPolicy(WarmingPolicy.defaults().withInterval(Duration.ofSeconds(1)));
		}

	}

}
