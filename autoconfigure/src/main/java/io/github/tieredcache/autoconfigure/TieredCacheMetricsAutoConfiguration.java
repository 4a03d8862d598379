package io.github.tieredcache.autoconfigure;

import java.util.List;

import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.metrics.InvalidationBusMeterBinder;
import io.github.tieredcache.metrics.RemoteTierGuardMeterBinder;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.metrics.OnDemandCacheMetricsBinder;
import io.github.tieredcache.metrics.TieredCacheMeterBinderProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the tiered caches' Micrometer meters: a
 * {@link TieredCacheMeterBinderProvider}, through which Spring Boot's cache metrics bind
 * the caches that exist at start-up, and an {@link OnDemandCacheMetricsBinder} for the
 * caches created later. Runs before Spring Boot's cache metrics auto-configuration, which
 * only binds caches when a {@link CacheMeterBinderProvider} is defined. Switched off with
 * {@code tiered-cache.metrics.enabled=false}.
 */
@AutoConfiguration(after = { TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" },
		beforeName = "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration")
@ConditionalOnClass({ MeterBinder.class, CacheMeterBinderProvider.class })
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnBooleanProperty(name = "tiered-cache.metrics.enabled", matchIfMissing = true)
public final class TieredCacheMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TieredCacheMeterBinderProvider tieredCacheMeterBinderProvider() {
		return new TieredCacheMeterBinderProvider();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MeterRegistry.class)
	OnDemandCacheMetricsBinder tieredCacheOnDemandMetricsBinder(ListableBeanFactory beanFactory,
			ObjectProvider<CacheMetricsRegistrar> registrars, ObjectProvider<MeterRegistry> registry,
			TieredCacheMeterBinderProvider provider) {
		return new OnDemandCacheMetricsBinder(() -> beanFactory.getBeansOfType(TieredCacheManager.class),
				() -> registrars
					.getIfAvailable(() -> new CacheMetricsRegistrar(registry.getObject(), List.of(provider))),
				registry::getObject);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
	@ConditionalOnBean(InvalidationBus.class)
	static class InvalidationBusMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InvalidationBusMeterBinder tieredCacheInvalidationBusMeterBinder(InvalidationBus bus) {
			return new InvalidationBusMeterBinder(bus);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.circuitbreaker.CircuitBreaker")
	@ConditionalOnBean(RemoteTierGuard.class)
	static class RemoteTierGuardMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RemoteTierGuardMeterBinder tieredCacheRemoteTierGuardMeterBinder(RemoteTierGuard guard) {
			return new RemoteTierGuardMeterBinder(guard);
		}

	}

}
