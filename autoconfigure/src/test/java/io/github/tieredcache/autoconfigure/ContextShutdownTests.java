package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.RefreshExecutor;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.warming.CacheWarmer;
import io.github.tieredcache.warming.CacheWarming;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing an application context stops every thread the starter started in it, so that a
 * test suite starting and closing many contexts does not pile up threads.
 */
@RealRedis
class ContextShutdownTests {

	private static final int CONTEXTS = 3;

	@Test
	void closingAContextWithRedisTheBusWarmingAndTheProbeLeavesNoThreadOfTheStarterRunning(RedisServer redis) {
		// Threads left by other tests in this JVM are not this test's concern
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class,
					InvalidationBusAutoConfiguration.class, TieredCacheWarmingAutoConfiguration.class,
					TieredCacheHealthContributorAutoConfiguration.class))
			.withUserConfiguration(Warmers.class)
			.withPropertyValues("spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=shutdown-" + UUID.randomUUID(), "tiered-cache.caches.products.ttl=10m");
		for (int run = 1; run <= CONTEXTS; run++) {
			runner.run((context) -> {
				startEveryThread(context);
				assertThat(starterThreads(before)).as("threads started in the context")
					.contains("tiered-cache-sync-publisher", "tiered-cache-sync-receiver",
							"tiered-cache-redis-recovery", "tiered-cache-redis-probe", "tiered-cache-invalidation")
					.anyMatch((name) -> name.startsWith("tiered-cache-warming-"))
					.anyMatch((name) -> name.startsWith("tiered-cache-refresh-"));
			});
			int closed = run;
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(starterThreads(before))
					.as("threads still running after closing context %d of %d", closed, CONTEXTS)
					.isEmpty());
		}
	}

	/**
	 * Uses every part of the starter that runs on threads of its own.
	 */
	private static void startEveryThread(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		context.getBean(InvalidationBus.class).firstSubscription().toCompletableFuture().get(10, TimeUnit.SECONDS);
		context.getBean(TieredCacheManager.class).getCache("products").put("p1", "cached");
		assertThat(context.getBean(RemoteTierProbe.class).ping().reachable()).isTrue();
		context.getBean(CacheWarming.class).warm("top").get(10, TimeUnit.SECONDS);
		context.getBean(CacheInvalidator.class)
			.schedule(Duration.ofHours(1), (invalidator) -> invalidator.invalidateAll("products"));
		context.getBean(RefreshExecutor.class).execute(() -> {
		});
	}

	private static List<String> starterThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !before.contains(thread))
			.map(Thread::getName)
			.filter((name) -> name.startsWith(CacheThreads.NAME_PREFIX))
			.sorted()
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Warmers {

		@Bean
		CacheWarmer top() {
			return CacheWarmer.of("top", "products", () -> Map.of("p2", "warmed"));
		}

	}

}
