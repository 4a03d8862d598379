package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.tieredcache.annotation.Warmer;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.metrics.WarmingMeterBinder;
import io.github.tieredcache.warming.CacheWarmer;
import io.github.tieredcache.warming.CacheWarming;
import io.github.tieredcache.warming.CacheWarmingException;
import io.github.tieredcache.warming.RedisWarmingLock;
import io.github.tieredcache.warming.ScheduledWarming;
import io.github.tieredcache.warming.StartupWarming;
import io.github.tieredcache.warming.WarmerState;
import io.github.tieredcache.warming.WarmingLock;
import io.github.tieredcache.warming.WarmingPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TieredCacheWarmingAutoConfiguration}: the beans, their back-off,
 * configuration overrides and the start-up failures for bad values and bad warmers.
 */
class TieredCacheWarmingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TieredCacheAutoConfiguration.class, TieredCacheWarmingAutoConfiguration.class))
		.withUserConfiguration(Warmers.class);

	@Test
	void warmsOnStartupAndOnScheduleWithAnInProcessLockWithoutRedis() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CacheWarming.class)
				.hasSingleBean(StartupWarming.class)
				.hasSingleBean(ScheduledWarming.class)
				.doesNotHaveBean(WarmingLock.class);
			assertThat(context.getBean(CacheWarming.class).warmers()).extracting(WarmerState::name)
				.containsExactly("top", "recent");
		});
	}

	@Test
	void schedulesClaimSlotsInRedisWhenTheApplicationHasRedis() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(WarmingLock.class).isInstanceOf(RedisWarmingLock.class));
	}

	@Test
	void bindsWarmingMetersWhenMicrometerIsThere() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(WarmingMeterBinder.class).bindTo(registry);
			assertThat(registry.get("tiered.cache.warmings")
				.tags("warmer", "top", "cache", "products", "result", "failure")
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("tiered-cache.warming.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CacheWarming.class)
				.doesNotHaveBean(StartupWarming.class)
				.doesNotHaveBean(ScheduledWarming.class));
	}

	@Test
	void doesNotWarmOnStartupWhenToldNotTo() {
		this.runner.withPropertyValues("tiered-cache.warming.on-startup=false")
			.run((context) -> assertThat(context).hasSingleBean(CacheWarming.class)
				.doesNotHaveBean(StartupWarming.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		this.runner.withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).getBean(CacheWarming.class).isSameAs(context.getBean(OwnBeans.class).warming);
			assertThat(context).getBean(WarmingLock.class).isSameAs(OwnBeans.LOCK);
		});
	}

	@Test
	void configurationOverridesTheDeclaredPolicy() {
		this.runner
			.withPropertyValues("tiered-cache.warming.warmers.top.interval=10m",
					"tiered-cache.warming.warmers.top.priority=-3", "tiered-cache.warming.warmers.top.on-startup=false",
					"tiered-cache.warming.warmers.top.timeout=5s", "tiered-cache.warming.warmers.recent.enabled=false")
			.run((context) -> {
				CacheWarming warming = context.getBean(CacheWarming.class);
				assertThat(warming.warmer("top").policy())
					.isEqualTo(new WarmingPolicy(false, Duration.ofMinutes(10), null, -3, Duration.ofSeconds(5)));
				assertThat(warming.warmer("recent")).isNull();
			});
	}

	@Test
	void aConfiguredCronReplacesADeclaredInterval() {
		this.runner.withPropertyValues("tiered-cache.warming.warmers.recent.cron=0 0 * * * *")
			.run((context) -> assertThat(context.getBean(CacheWarming.class).warmer("recent").policy())
				.extracting(WarmingPolicy::interval, WarmingPolicy::cron)
				.containsExactly(null, "0 0 * * * *"));
	}

	@Test
	void theDefaultIntervalSchedulesWarmersWithoutASchedule() {
		this.runner.withPropertyValues("tiered-cache.warming.interval=1h").run((context) -> {
			CacheWarming warming = context.getBean(CacheWarming.class);
			assertThat(warming.warmer("top").policy().interval()).isEqualTo(Duration.ofHours(1));
			assertThat(warming.warmer("recent").policy().interval()).isEqualTo(Duration.ofMinutes(30));
		});
	}

	@Test
	void environmentVariablesNameWarmersInLowerCase() {
		Map<String, Object> variables = Map.of("TIEREDCACHE_WARMING_WARMERS_TOPPRODUCTS_PRIORITY", "7");
		this.runner.withBean("topProducts", CacheWarmer.class, () -> CacheWarmer.of("topProducts", "products", Map::of))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables)))
			.run((context) -> assertThat(context.getBean(CacheWarming.class).warmer("topProducts").policy().priority())
				.isEqualTo(7));
	}

	@Test
	void aWarmerReturningNullFailsSayingWhatToReturnInstead() {
		this.runner.withBean("empty", CacheWarmer.class, () -> CacheWarmer.of("empty", "products", () -> null))
			.run((context) -> {
				WarmerState state = context.getBean(CacheWarming.class)
					.warm("empty")
					.get(5, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(state.status()).isEqualTo(WarmerState.Status.FAILED);
				assertThat(state.lastError()).contains("CacheWarmer 'empty' returned null")
					.contains("return an empty map");
			});
	}

	@Test
	void startUpWarmingWarmsAnywayWhenTheBusNeverSubscribes() {
		this.runner.run((context) -> {
			CacheWarming warming = context.getBean(CacheWarming.class);
			StartupWarming startup = new StartupWarming(warming, Duration.ofSeconds(30), true, false,
					Duration.ofSeconds(10), java.util.concurrent.CompletableFuture::new, Duration.ofMillis(100));
			startup.run(new org.springframework.boot.DefaultApplicationArguments());
			assertThat(warming.warmer("top").status()).isEqualTo(WarmerState.Status.SUCCEEDED);
			assertThat(warming.warmer("recent").status()).isEqualTo(WarmerState.Status.SUCCEEDED);
		});
	}

	@Test
	void startUpWarmingStartsOnceTheBusHasSubscribed() {
		this.runner.run((context) -> {
			CacheWarming warming = context.getBean(CacheWarming.class);
			java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();
			StartupWarming startup = new StartupWarming(warming, Duration.ofSeconds(30), true, false,
					Duration.ofSeconds(10), () -> subscribed, Duration.ofSeconds(20));
			java.util.concurrent.CompletableFuture<Void> running = java.util.concurrent.CompletableFuture
				.runAsync(() -> {
					try {
						startup.run(new org.springframework.boot.DefaultApplicationArguments());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			assertThat(warming.warmer("top").status()).isEqualTo(WarmerState.Status.IDLE);
			subscribed.complete(null);
			running.get(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(warming.warmer("top").status()).isEqualTo(WarmerState.Status.SUCCEEDED);
		});
	}

	@Test
	void startUpWarmingStopsWaitingOnceTheStartupTimeoutHasPassedOnTheWarmingsTicker() {
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		this.runner.withBean("slow", CacheWarmer.class, () -> CacheWarmer.of("slow", "products", () -> {
			release.await();
			return Map.of("k", "v");
		})).run((context) -> {
			java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
			CacheWarming warming = CacheWarming.builder(context, () -> context.getBean(CacheManager.class))
				.ticker(nanos::get)
				.build();
			warming.afterSingletonsInstantiated();
			try {
				StartupWarming startup = new StartupWarming(warming, Duration.ofMinutes(5), true, false,
						Duration.ofMillis(50), () -> java.util.concurrent.CompletableFuture.completedFuture(null),
						Duration.ofSeconds(1));
				java.util.concurrent.CompletableFuture<Void> running = java.util.concurrent.CompletableFuture
					.runAsync(() -> {
						try {
							startup.run(new org.springframework.boot.DefaultApplicationArguments());
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					});
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !running.isDone());
				nanos.addAndGet(Duration.ofMinutes(5).toNanos());
				running.get(5, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(warming.warmer("slow").status()).isEqualTo(WarmerState.Status.RUNNING);
			}
			finally {
				release.countDown();
				warming.destroy();
			}
		});
	}

	@Test
	void aRunAskedForWhileOneIsGoingWaitsForThatRun() throws Exception {
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
		this.runner.withBean("slow", CacheWarmer.class, () -> CacheWarmer.of("slow", "products", () -> {
			runs.incrementAndGet();
			release.await();
			return Map.of("k", "v");
		})).run((context) -> {
			CacheWarming warming = context.getBean(CacheWarming.class);
			java.util.concurrent.CompletableFuture<WarmerState> first = warming.warm("slow");
			java.util.concurrent.CompletableFuture<WarmerState> second = warming.warm("slow");
			assertThat(second).isSameAs(first);
			release.countDown();
			assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS).successes()).isEqualTo(1);
			assertThat(runs).hasValue(1);
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.warming.warmers.top.interval | 500ms | at most once a second
			tiered-cache.warming.max-concurrency | 0 | between 1 and 64
			tiered-cache.warming.jitter | 1.5 | between 0 and 1
			tiered-cache.warming.startup-timeout | 0s | positive
			tiered-cache.warming.timeout | -1s | positive
			tiered-cache.warming.interval | 0s | at most once a second
			tiered-cache.warming.warmers.top.cron | every hour | not a valid cron expression
			tiered-cache.warming.warmers.top.timeout | 0s | positive
			""")
	void aBadValueStopsStartUpNamingTheProperty(String property, String value, String reason) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			InvalidTieredCachePropertyException failure = StartupFailures.cause(context.getStartupFailure(),
					InvalidTieredCachePropertyException.class);
			assertThat(failure.getProperty()).isEqualTo(property);
			assertThat(failure.getReason()).contains(reason);
		});
	}

	@Test
	void anIntervalAndACronForOneWarmerStopStartUp() {
		this.runner
			.withPropertyValues("tiered-cache.warming.warmers.top.interval=1m",
					"tiered-cache.warming.warmers.top.cron=0 * * * * *")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getAction())
				.contains("tiered-cache.warming.warmers.top.interval"));
	}

	@Test
	void configurationForAnUnknownWarmerStopsStartUpListingTheWarmers() {
		this.runner.withPropertyValues("tiered-cache.warming.warmers.tpo.interval=1m")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidCacheAnnotationException.class)
						.getMessage())
				.contains("tiered-cache.warming.warmers.tpo")
				.contains("[recent, top]"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			WithParameters | takes parameters
			ReturningAList | neither a Map of entries nor void
			MapWithoutCache | names no cache
			BadInterval | soon' is not a duration
			BadCron | not a valid cron expression
			IntervalAndCron | not both
			DuplicateName | also the name of
			""")
	void aWarmerThatCannotWorkStopsStartUpNamingTheMethod(String configuration, String reason) throws Exception {
		Class<?> type = Class.forName(BadWarmers.class.getName() + "$" + configuration);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheWarmingAutoConfiguration.class))
			.withUserConfiguration(type)
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidCacheAnnotationException.class)
						.getMessage())
				.contains(configuration)
				.contains(reason));
	}

	@Test
	void aWarmerForACacheThatIsNotConfiguredStopsStartUpWhenCachesAreNotCreatedOnDemand() {
		this.runner.withPropertyValues("tiered-cache.create-on-demand=false", "tiered-cache.caches.products.ttl=1m")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidCacheAnnotationException.class)
						.getMessage())
				.contains("'recent'")
				.contains("tiered-cache.caches.recent"));
	}

	@Test
	void failFastAnalysisNamesTheWarmerAndTheSettings() {
		this.runner.run((context) -> {
			WarmerState top = context.getBean(CacheWarming.class).warmer("top");
			FailureAnalysis analysis = new CacheWarmingFailureAnalyzer()
				.analyze(new IllegalStateException(new CacheWarmingException("failed", java.util.List.of(top))));
			assertThat(analysis.getDescription()).contains("top (CacheWarmer bean 'top')");
			assertThat(analysis.getAction()).contains("tiered-cache.warming.fail-fast=false")
				.contains("tiered-cache.warming.startup-timeout");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Warmers {

		@Bean
		CacheWarmer top() {
			return CacheWarmer.of("top", "products", Map::of);
		}

		@Bean
		RecentProducts recentProducts() {
			return new RecentProducts();
		}

	}

	static class RecentProducts {

		@Warmer(cache = "recent", interval = "30m", priority = -1)
		Map<String, String> recent() {
			return Map.of();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final WarmingLock LOCK = (warmer, slot, hold) -> false;

		final CacheWarming warming = CacheWarming
			.builder(new org.springframework.beans.factory.support.DefaultListableBeanFactory(), () -> null)
			.build();

		@Bean
		CacheWarming myWarming() {
			return this.warming;
		}

		@Bean
		WarmingLock myLock() {
			return LOCK;
		}

	}

	static class BadWarmers {

		@Configuration(proxyBeanMethods = false)
		static class WithParameters {

			@Warmer(cache = "products")
			Map<String, String> load(int count) {
				return Map.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class ReturningAList {

			@Warmer(cache = "products")
			java.util.List<String> load() {
				return java.util.List.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class MapWithoutCache {

			@Warmer
			Map<String, String> load() {
				return Map.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class BadInterval {

			@Warmer(cache = "products", interval = "soon")
			Map<String, String> load() {
				return Map.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class BadCron {

			@Warmer(cache = "products", cron = "hourly")
			Map<String, String> load() {
				return Map.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class IntervalAndCron {

			@Warmer(cache = "products", interval = "1m", cron = "0 * * * * *")
			Map<String, String> load() {
				return Map.of();
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class DuplicateName {

			@Warmer(name = "products", cache = "products")
			Map<String, String> first() {
				return Map.of();
			}

			@Warmer(name = "products", cache = "products")
			Map<String, String> second() {
				return Map.of();
			}

		}

	}

}
