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

	@Bean
	@ConditionalOnMissingBean
	CacheWarming tieredCacheWarming(ListableBeanFactory beanFactory, ObjectProvider<CacheManager> cacheManager,
			TieredCacheWarmingProperties properties) {
		ConfiguredWarmerOverrides overrides = new ConfiguredWarmerOverrides(properties);
		return CacheWarming.builder(beanFactory, cacheManager::getIfUnique)
			.overrides(overrides)
			.maxConcurrency(properties.getMaxConcurrency())
			.defaultTimeout(properties.getTimeout())
			.build();
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
		return new StartupWarming(warming, properties.getStartupTimeout(), properties.isHoldReadiness(),
				properties.isFailFast(), properties.getProgressInterval(), listening, LISTENING_WAIT);
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledWarming tieredCacheScheduledWarming(CacheWarming warming, ObjectProvider<WarmingLock> lock,
			TieredCacheWarmingProperties properties) {
		return new ScheduledWarming(warming, lock.getIfAvailable(() -> WarmingLock.LOCAL), Clock.systemDefaultZone(),
				properties.getJitter());
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
