package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Spring's own {@code @Cacheable} (without {@code sync = true}) on the tiered cache, with
 * two instances on one Redis: a miss filled through it is a fill like one through
 * {@code @Cached} — not broadcast to the other instance, counted as a load, protected by
 * the fill lease — while {@code @CachePut} and {@code @CacheEvict} stay writes that reach
 * the other instance.
 */
@RealRedis
class SpringCacheableFillTests {

	/**
	 * Runs each task on a thread of its own: tasks here block, and on Java 25 the common
	 * pool that {@code CompletableFuture} uses by default has a single thread on a
	 * two-core machine (Java 17 starts a thread per task there), so one blocked task
	 * would hold up the others.
	 */
	static final Executor OWN_THREAD = (task) -> new Thread(task, "test-async").start();

	private final String keyPrefix = "cacheable-fill-" + UUID.randomUUID();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startTwoInstances() {
		this.first = start(CatalogApplication.class);
		this.second = start(CatalogApplication.class);
	}

	@AfterEach
	void stopInstances() {
		this.second.close();
		this.first.close();
	}

	@Test
	void aMissOnOneInstanceLeavesTheOtherInstancesEntryInPlace(RedisServer redis) {
		catalog(this.first).find("1");
		// Only Redis loses the entry, so that the second instance misses while the
		// first still holds it
		redis.command("DEL", redisKey("1"));
		assertThat(catalog(this.second).find("1")).isEqualTo("product-1");
		assertThat(catalog(this.second).lookups()).isEqualTo(1);
		deliverEverythingPublishedSoFar(this.second, this.first);

		long l1HitsBefore = stats(this.first).l1Hits();
		assertThat(catalog(this.first).find("1")).isEqualTo("product-1");
		assertThat(catalog(this.first).lookups()).as("no reload on the first instance").isEqualTo(1);
		assertThat(stats(this.first).l1Hits()).isEqualTo(l1HitsBefore + 1);
	}

	@Test
	void everyReadOfTheSecondRoundIsAnL1HitOnBothInstances() {
		List<String> ids = List.of("1", "2", "3", "4", "5");
		for (String id : ids) {
			catalog(this.first).find(id);
			catalog(this.second).find(id);
		}
		deliverEverythingPublishedSoFar(this.first, this.second);
		deliverEverythingPublishedSoFar(this.second, this.first);
		TieredCacheStats firstBefore = stats(this.first);
		TieredCacheStats secondBefore = stats(this.second);
		for (String id : ids) {
			catalog(this.first).find(id);
			catalog(this.second).find(id);
		}
		assertThat(stats(this.first).l1Hits() - firstBefore.l1Hits()).isEqualTo(ids.size());
		assertThat(stats(this.second).l1Hits() - secondBefore.l1Hits()).isEqualTo(ids.size());
		assertThat(catalog(this.first).lookups()).isEqualTo(ids.size());
		assertThat(catalog(this.second).lookups()).as("the second instance read everything from Redis").isZero();
	}

	@Test
	void aFillIsCountedAsALoadAndNotAsAWrite() {
		TieredCacheStats before = stats(this.first);
		catalog(this.first).find("1");
		TieredCacheStats after = stats(this.first);
		assertThat(after.loadSuccesses() - before.loadSuccesses()).isEqualTo(1);
		assertThat(after.totalLoadNanos()).isGreaterThan(before.totalLoadNanos());
		assertThat(products(this.first).remoteTier().get("1")).isNotNull();
	}

	@Test
	void cachePutStaysAWriteThatReachesTheOtherInstance() {
		catalog(this.first).find("1");
		catalog(this.second).find("1");
		assertThat(products(this.second).localTier().get("1")).isNotNull();
		catalog(this.first).rename("1", "Renamed");
		await().atMost(Duration.ofSeconds(5)).until(() -> products(this.second).localTier().get("1") == null);
		assertThat(catalog(this.second).find("1")).isEqualTo("Renamed");
	}

	@Test
	void cacheEvictStaysAWriteThatReachesTheOtherInstance() {
		catalog(this.first).find("1");
		catalog(this.second).find("1");
		catalog(this.first).remove("1");
		await().atMost(Duration.ofSeconds(5)).until(() -> products(this.second).localTier().get("1") == null);
	}

	@Test
	void aValueLoadedBeforeAConcurrentWriteIsNotCached(RedisServer redis) throws Exception {
		Catalog slow = catalog(this.second);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch written = new CountDownLatch(1);
		slow.pauseNextLoad(loading, written);
		CompletableFuture<String> staleRead = CompletableFuture.supplyAsync(() -> slow.find("1"), OWN_THREAD);
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		catalog(this.first).rename("1", "Renamed");
		deliverEverythingPublishedSoFar(this.first, this.second);
		written.countDown();
		assertThat(staleRead.get(10, TimeUnit.SECONDS)).isEqualTo("product-1");

		assertThat(products(this.second).remoteTier().get("1").value()).isEqualTo("Renamed");
		assertThat(products(this.second).localTier().get("1")).isNull();
		assertThat(stats(this.second).staleFillsPrevented()).isEqualTo(1);
		assertThat(slow.find("1")).isEqualTo("Renamed");
	}

	@Test
	void aMethodThatThrowsGivesItsLeaseBackAndCountsAFailedLoad(RedisServer redis) {
		TieredCacheStats before = stats(this.first);
		assertThatIllegalStateException().isThrownBy(() -> catalog(this.first).findOrFail("1"));
		assertThat(redis.command("EXISTS", redisKey("1"))).as("no lease left behind").isEqualTo("0");
		assertThat(stats(this.first).loadFailures() - before.loadFailures()).isEqualTo(1);
		catalog(this.second).find("1");
		assertThat(products(this.second).remoteTier().get("1")).as("the other instance fills Redis").isNotNull();
	}

	@Test
	void aResultVetoedByUnlessGivesItsLeaseBack(RedisServer redis) {
		assertThat(catalog(this.first).findUnlessShort("1")).isEqualTo("1");
		assertThat(redis.command("EXISTS", redisKey("1"))).isEqualTo("0");
		assertThat(products(this.first).localTier().get("1")).isNull();
		catalog(this.second).find("1");
		assertThat(products(this.second).remoteTier().get("1")).isNotNull();
	}

	@Test
	void putsOutsideACacheableMethodStayWrites() {
		catalog(this.first).find("1");
		catalog(this.second).find("1");
		Cache products = products(this.second);
		assertThat(products.get("1")).isNotNull();
		products.put("1", "direct");
		await().atMost(Duration.ofSeconds(5)).until(() -> products(this.first).localTier().get("1") == null);
	}

	@Test
	void anAsynchronousMethodDoesNotWaitForAnotherInstancesLoad() throws Exception {
		String[] clusterSingleFlight = { "--tiered-cache.caches.products.single-flight=cluster",
				"--tiered-cache.caches.products.single-flight-wait=60s" };
		try (ConfigurableApplicationContext loader = start(CatalogApplication.class, clusterSingleFlight);
				ConfigurableApplicationContext reader = start(CatalogApplication.class, clusterSingleFlight)) {
			CountDownLatch loading = new CountDownLatch(1);
			CountDownLatch proceed = new CountDownLatch(1);
			catalog(loader).pauseNextLoad(loading, proceed);
			CompletableFuture<String> slowLoad = CompletableFuture.supplyAsync(() -> catalog(loader).find("1"),
					OWN_THREAD);
			try {
				assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
				// The loader holds the key's fill lease while its method runs; a method
				// returning a CompletableFuture cannot complete a fill on this thread, so
				// it must not start one (nor wait for the other instance's)
				CompletableFuture<CompletableFuture<String>> call = CompletableFuture
					.supplyAsync(() -> catalog(reader).findAsync("1"), OWN_THREAD);
				assertThat(call).succeedsWithin(Duration.ofSeconds(10));
				assertThat(call.get().get(10, TimeUnit.SECONDS)).isEqualTo("product-1");
				assertThat(stats(reader).loadSuccesses()).as("no load counted before its value arrived").isZero();
			}
			finally {
				proceed.countDown();
			}
			assertThat(slowLoad).succeedsWithin(Duration.ofSeconds(10));
		}
	}

	@Test
	void fillsWorkThroughAnApplicationsOwnCacheResolver() {
		try (ConfigurableApplicationContext own = start(OwnResolverApplication.class)) {
			ResolverCounter counter = own.getBean(ResolverCounter.class);
			catalog(this.first).find("1");
			catalog(this.second).find("1");
			this.second.getBean(TieredCacheManager.class).getCache("products").remoteTier().evict("1");
			assertThat(catalog(own).find("1")).isEqualTo("product-1");
			assertThat(counter.resolutions()).isPositive();
			deliverEverythingPublishedSoFar(own, this.first);
			assertThat(products(this.first).localTier().get("1")).as("not broadcast").isNotNull();
			assertThat(stats(own).loadSuccesses()).isEqualTo(1);
		}
	}

	/**
	 * Messages on the bus arrive in the order they were published: once a write published
	 * after everything else has reached the other instance, so has everything before it.
	 */
	private static void deliverEverythingPublishedSoFar(ConfigurableApplicationContext from,
			ConfigurableApplicationContext to) {
		TieredCache fromMarkers = from.getBean(TieredCacheManager.class).getCache("markers");
		TieredCache toMarkers = to.getBean(TieredCacheManager.class).getCache("markers");
		String marker = UUID.randomUUID().toString();
		toMarkers.get(marker, () -> "x");
		fromMarkers.evict(marker);
		await().atMost(Duration.ofSeconds(5)).until(() -> toMarkers.localTier().get(marker) == null);
	}

	private ConfigurableApplicationContext start(Class<?> application, String... moreArgs) {
		List<String> args = new ArrayList<>(List.of("--spring.data.redis.url=" + RedisServers.shared().url(),
				"--tiered-cache.key-prefix=" + this.keyPrefix, "--tiered-cache.caches.products.ttl=10m"));
		args.addAll(List.of(moreArgs));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		InvalidationBus bus = context.getBean(InvalidationBus.class);
		assertThat(bus.firstSubscription()).succeedsWithin(Duration.ofSeconds(10));
		return context;
	}

	private static Catalog catalog(ConfigurableApplicationContext context) {
		return context.getBean(Catalog.class);
	}

	private static TieredCache products(ConfigurableApplicationContext context) {
		return context.getBean(TieredCacheManager.class).getCache("products");
	}

	private static TieredCacheStats stats(ConfigurableApplicationContext context) {
		return products(context).statistics().snapshot();
	}

	private String redisKey(String id) {
		return this.keyPrefix + ":products:" + id;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
	@EnableCaching
	static class CatalogApplication {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
	@EnableCaching
	@Import(OwnResolverConfiguration.class)
	static class OwnResolverApplication {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResolverConfiguration implements CachingConfigurer {

		private final ResolverCounter counter = new ResolverCounter();

		private final CacheManager cacheManager;

		OwnResolverConfiguration(CacheManager cacheManager) {
			this.cacheManager = cacheManager;
		}

		@Bean
		ResolverCounter resolverCounter() {
			return this.counter;
		}

		@Override
		public CacheResolver cacheResolver() {
			return (CacheOperationInvocationContext<?> context) -> {
				this.counter.count();
				Collection<String> names = context.getOperation().getCacheNames();
				return names.stream().map(this.cacheManager::getCache).toList();
			};
		}

	}

	/**
	 * Counts how often the application's own resolver was asked.
	 */
	static class ResolverCounter {

		private final AtomicInteger resolutions = new AtomicInteger();

		void count() {
			this.resolutions.incrementAndGet();
		}

		int resolutions() {
			return this.resolutions.get();
		}

	}

	/**
	 * Lookups through Spring's caching annotations, counting how often they really run.
	 */
	static class Catalog {

		private final AtomicInteger lookups = new AtomicInteger();

		private volatile @Nullable CountDownLatch[] pause;

		@Cacheable("products")
		public String find(String id) {
			this.lookups.incrementAndGet();
			String value = "product-" + id;
			CountDownLatch[] latches = this.pause;
			if (latches != null) {
				this.pause = null;
				latches[0].countDown();
				await(latches[1]);
			}
			return value;
		}

		@Cacheable("products")
		public CompletableFuture<String> findAsync(String id) {
			this.lookups.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> "product-" + id, OWN_THREAD);
		}

		@Cacheable("products")
		public String findOrFail(String id) {
			this.lookups.incrementAndGet();
			throw new IllegalStateException("the database is down");
		}

		@Cacheable(cacheNames = "products", unless = "#result.length() < 5")
		public String findUnlessShort(String id) {
			this.lookups.incrementAndGet();
			return id;
		}

		@CachePut(cacheNames = "products", key = "#id")
		public String rename(String id, String name) {
			return name;
		}

		@CacheEvict("products")
		public void remove(String id) {
		}

		/**
		 * Makes the next load signal {@code loading} once it has read its value, then
		 * wait for {@code proceed}: the window in which a concurrent write makes it
		 * stale.
		 */
		void pauseNextLoad(CountDownLatch loading, CountDownLatch proceed) {
			this.pause = new CountDownLatch[] { loading, proceed };
		}

		int lookups() {
			return this.lookups.get();
		}

		private static void await(CountDownLatch latch) {
			try {
				latch.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
