package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.InvalidationListener;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link InvalidationBusAutoConfiguration}.
 */
class InvalidationBusAutoConfigurationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@Test
	void noBusWithoutRedis() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(TieredCacheManager.class)
				.doesNotHaveBean(InvalidationBus.class));
	}

	/**
	 * Scenarios with a real Redis server.
	 */
	@Nested
	@RealRedis
	class WithRedis {

		private ApplicationContextRunner runner;

		@BeforeEach
		void prepare(RedisServer redis) {
			this.runner = runner(redis);
		}

		@Test
		void instancesSharingAKeyPrefixKeepEachOthersL1Fresh() {
			this.runner.run((a) -> this.runner.run((b) -> {
				InvalidationBus busOfB = b.getBean(InvalidationBus.class);
				await().atMost(PATIENCE)
					.until(() -> busOfB.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
				TieredCache productsOfA = a.getBean(TieredCacheManager.class).getCache("products");
				TieredCache productsOfB = b.getBean(TieredCacheManager.class).getCache("products");
				productsOfA.put(1, "old");
				assertThat(productsOfB.get(1, String.class)).isEqualTo("old");

				productsOfA.put(1, "new");

				await().atMost(PATIENCE).until(() -> productsOfB.localTier().get(productsOfB.encodeKey(1)) == null);
				assertThat(productsOfB.get(1, String.class)).isEqualTo("new");
			}));
		}

		@Test
		void busIsStoppedWithTheContext() {
			this.runner.run((context) -> {
				InvalidationBus bus = context.getBean(InvalidationBus.class);
				assertThat(bus.isRunning()).isTrue();
				assertThat(bus.channel()).endsWith(":~sync");
				context.close();
				assertThat(bus.isRunning()).isFalse();
				assertThat(bus.stats().subscriptionState()).isEqualTo(SubscriptionState.STOPPED);
			});
		}

		@Test
		void contextThatFailsToStartLeavesNoSubscriptionBehind(RedisServer redis) {
			String channel = "failed-start-" + UUID.randomUUID() + ":~sync";
			this.runner.withPropertyValues("tiered-cache.key-prefix=" + channel.substring(0, channel.indexOf(':')))
				.withUserConfiguration(FailsOnceTheBusHasSubscribed.class)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.isInstanceOf(IllegalStateException.class)
					.hasMessage(FailsOnceTheBusHasSubscribed.FAILURE));

			String none = "[" + channel + ", 0]";
			await().atMost(PATIENCE).until(() -> none.equals(redis.command("PUBSUB", "NUMSUB", channel)));
		}

		@Test
		void channelIsUnderTheKeyPrefix() {
			this.runner.withPropertyValues("tiered-cache.key-prefix=catalog")
				.run((context) -> assertThat(context.getBean(InvalidationBus.class).channel())
					.isEqualTo("catalog:~sync"));
		}

		@Test
		void applicationsOwnListenerReplacesTheBus() {
			InvalidationListener own = (invalidation) -> {
			};
			this.runner.withBean(InvalidationListener.class, () -> own).run((context) -> {
				assertThat(context).doesNotHaveBean(InvalidationBus.class);
				assertThat(context).hasSingleBean(InvalidationListener.class);
			});
		}

		@Test
		void applicationsOwnCacheManagerGetsNoBus() {
			this.runner.withBean("cacheManager", ConcurrentMapCacheManager.class, ConcurrentMapCacheManager::new)
				.run((context) -> assertThat(context).doesNotHaveBean(InvalidationBus.class));
		}

		@Test
		void valueCachedRightAfterStartUpIsStillAnL1HitOnceTheBusHasSubscribed() {
			this.runner.run((context) -> {
				TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
				products.put(1, "cached at start-up");

				context.getBean(InvalidationBus.class)
					.firstSubscription()
					.toCompletableFuture()
					.get(10, TimeUnit.SECONDS);

				assertThat(products.localTier().get(products.encodeKey(1))).isNotNull();
				assertThat(products.get(1, String.class)).isEqualTo("cached at start-up");
				assertThat(products.statistics().snapshot().l1Hits()).isEqualTo(1);
			});
		}

		@Test
		void valueCachedRightAfterTheBusRestartedIsStillAnL1HitOnceItHasSubscribedAgain() {
			this.runner.run((context) -> {
				TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
				InvalidationBus bus = context.getBean(InvalidationBus.class);
				bus.firstSubscription().toCompletableFuture().get(10, TimeUnit.SECONDS);
				bus.stop();
				bus.start();
				products.put(1, "cached after the restart");

				await().atMost(Duration.ofSeconds(10))
					.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);

				assertThat(products.localTier().get(products.encodeKey(1))).isNotNull();
			});
		}

		@Test
		void cachesThatAllStayInProcessGetNoBusAndNoSubscription(RedisServer redis) {
			this.runner
				.withPropertyValues("tiered-cache.key-prefix=in-process-only", "tiered-cache.defaults.l2.enabled=false",
						"tiered-cache.caches.products.ttl=10m")
				.run((context) -> {
					assertThat(context).hasSingleBean(TieredCacheManager.class).doesNotHaveBean(InvalidationBus.class);
					assertThat(redis.command("PUBSUB", "NUMSUB", "in-process-only:~sync"))
						.isEqualTo("[in-process-only:~sync, 0]");
				});
		}

		@Test
		void oneCacheWithRedisGetsTheBus() {
			this.runner
				.withPropertyValues("tiered-cache.defaults.l2.enabled=false",
						"tiered-cache.caches.products.l2.enabled=true")
				.run((context) -> assertThat(context).hasSingleBean(InvalidationBus.class));
		}

		@Test
		void syncCanBeSwitchedOff() {
			this.runner.withPropertyValues("tiered-cache.sync.enabled=false")
				.run((context) -> assertThat(context).hasSingleBean(TieredCacheManager.class)
					.doesNotHaveBean(InvalidationBus.class));
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				tiered-cache.sync.heartbeat-interval | 5ms
				tiered-cache.sync.missed-heartbeats  | 1
				tiered-cache.sync.batch-window       | 5s
				tiered-cache.sync.batch-size         | 0
				tiered-cache.sync.queue-capacity     | 0
				""")
		void badSettingStopsStartUpNamingTheProperty(String property, String value) {
			this.runner.withPropertyValues(property + "=" + value).run((context) -> {
				assertThat(context).hasFailed();
				InvalidTieredCachePropertyException ex = StartupFailures.cause(context.getStartupFailure(),
						InvalidTieredCachePropertyException.class);
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getAction()).contains(property);
			});
		}

		@Test
		void applicationStartsWhileRedisIsDownAndTheBusSubscribesWhenItAppears(@Dedicated RedisServer redis) {
			redis.kill();
			runner(redis).run((context) -> {
				assertThat(context).hasNotFailed();
				InvalidationBus bus = context.getBean(InvalidationBus.class);
				assertThat(bus.stats().subscriptionState()).isEqualTo(SubscriptionState.SUBSCRIBING);

				redis.restart();

				await().atMost(PATIENCE).until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
			});
		}

		/**
		 * Fails the context's start once the bus, subscribing ahead of the start, has
		 * subscribed.
		 */
		@Configuration(proxyBeanMethods = false)
		static class FailsOnceTheBusHasSubscribed {

			static final String FAILURE = "an application bean failed after the bus subscribed";

			@Bean
			SmartInitializingSingleton failOnceTheBusHasSubscribed(InvalidationBus bus) {
				return () -> {
					await().atMost(PATIENCE)
						.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
					assertThat(bus.isRunning()).isFalse();
					throw new IllegalStateException(FAILURE);
				};
			}

		}

		private static ApplicationContextRunner runner(RedisServer redis) {
			return new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
						TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class))
				.withPropertyValues("spring.data.redis.url=" + redis.url(),
						"tiered-cache.key-prefix=bus-autoconfiguration-" + UUID.randomUUID(),
						"tiered-cache.sync.heartbeat-interval=100ms");
		}

	}

}
