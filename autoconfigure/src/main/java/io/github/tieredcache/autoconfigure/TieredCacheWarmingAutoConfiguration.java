package io.github.tieredcache.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.github.tieredcache.metrics.WarmingMeterBinder;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.warming.CacheWarming;
import io.github.tieredcache.warming.RedisWarmingLock;
import io.github.tieredcache.warming.ScheduledWarming;
import io.github.tieredcache.warming.StartupWarming;
import io.github.tieredcache.warming.WarmingLock;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of cache warming: {@link CacheWarming} collects the application's
 * warmers, {@link StartupWarming} runs them before the application reports itself ready,
 * and {@link ScheduledWarming} runs them again on their schedules, one instance per slot
 * through a {@link RedisWarmingLock} when the application has Redis. Works with any
 * {@link CacheManager}; switched off with {@code tiered-cache.warming.enabled=false}.
 */
@AutoConfiguration(after = TieredCacheAutoConfiguration.class,
		afterName = { "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnBean(CacheManager.class)
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "tiered-cache.warming.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ TieredCacheWarmingProperties.class, TieredCacheProperties.class })
public final class TieredCacheWarmingAutoConfiguration {

	/**
	 * How long start-up warming waits for the invalidation bus to subscribe: a connected
	 * Redis takes milliseconds; one that is down would hold readiness for nothing.
	 */
	private static final Duration LISTENING_WAIT = Duration.ofSeconds(5);

	private static final String PREFIX = "tiered-cache.warming.";

	@Bean
	@ConditionalOnMissingBean
	CacheWarming tieredCacheWarming(ListableBeanFactory beanFactory, ObjectProvider<CacheManager> cacheManager,
			TieredCacheWarmingProperties properties) {
		CacheWarming.Builder builder = CacheWarming.builder(beanFactory, cacheManager::getIfUnique);
		PropertyRules.apply(PREFIX + "max-concurrency", properties.getMaxConcurrency(),
				"a small number such as 2; each running warmer queries the database",
				() -> builder.maxConcurrency(properties.getMaxConcurrency()));
		PropertyRules.apply(PREFIX + "timeout", properties.getTimeout(), "a positive duration such as 30s or 5m",
				() -> builder.defaultTimeout(properties.getTimeout()));
		return builder.overrides(new ConfiguredWarmerOverrides(properties)).build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "tiered-cache.warming.on-startup", matchIfMissing = true)
	StartupWarming tieredCacheStartupWarming(CacheWarming warming, TieredCacheWarmingProperties properties,
			ObjectProvider<InvalidationBus> bus) {
		Supplier<CompletionStage<?>> listening = () -> {
			InvalidationBus available = bus.getIfUnique();
			return (available != null) ? available.firstSubscription() : CompletableFuture.completedFuture(null);
		};
		Duration timeout = properties.getStartupTimeout();
		Duration progress = properties.getProgressInterval();
		// StartupWarming checks both durations: one built with the default timeout first
		// tells which of the two properties a rejection is about
		PropertyRules.apply(PREFIX + "progress-interval", progress, "a positive duration such as 10s",
				() -> new StartupWarming(warming, StartupWarming.DEFAULT_TIMEOUT, false, false, progress, listening,
						LISTENING_WAIT));
		return PropertyRules.build(PREFIX + "startup-timeout", timeout, "a positive duration such as 30s or 5m",
				() -> new StartupWarming(warming, timeout, properties.isHoldReadiness(), properties.isFailFast(),
						progress, listening, LISTENING_WAIT));
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledWarming tieredCacheScheduledWarming(CacheWarming warming, ObjectProvider<WarmingLock> lock,
			TieredCacheWarmingProperties properties) {
		return PropertyRules.build(PREFIX + "jitter", properties.getJitter(), "a value such as 0.1, or 0 for none",
				() -> new ScheduledWarming(warming, lock.getIfAvailable(() -> WarmingLock.LOCAL),
						Clock.systemDefaultZone(), properties.getJitter()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	@ConditionalOnBooleanProperty(name = "tiered-cache.metrics.enabled", matchIfMissing = true)
	static class WarmingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WarmingMeterBinder tieredCacheWarmingMeterBinder(CacheWarming warming) {
			return new WarmingMeterBinder(warming);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class RedisWarmingLockConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WarmingLock tieredCacheWarmingLock(RedisConnectionFactory connectionFactory, TieredCacheProperties properties,
				Environment environment) {
			return new RedisWarmingLock(connectionFactory, RedisTierConfiguration.keyPrefix(properties, environment),
					ManagementFactory.getRuntimeMXBean().getName(), properties.getRedis().getTimeout());
		}

	}

}
