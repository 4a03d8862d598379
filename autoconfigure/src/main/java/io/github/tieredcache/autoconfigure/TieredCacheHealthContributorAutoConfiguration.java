package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.health.TieredCacheHealthIndicator;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.sync.InvalidationBus;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code tieredCache} health contributor. Switched off with
 * {@code management.health.tieredcache.enabled=false}; by default a Redis outage shows in
 * its details without making it DOWN ({@code tiered-cache.health.fail-on-redis-down}).
 */
@AutoConfiguration(after = { TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnEnabledHealthIndicator("tieredcache")
@EnableConfigurationProperties(TieredCacheProperties.class)
@Import(RemoteTierProbeConfiguration.class)
public final class TieredCacheHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "tieredCacheHealthIndicator", "tieredCacheHealthContributor" })
	TieredCacheHealthIndicator tieredCacheHealthIndicator(ListableBeanFactory beanFactory,
			ObjectProvider<RemoteTierProbe> remoteTierProbe, TieredCacheProperties properties,
			ObjectProvider<InvalidationBus> bus, ObjectProvider<RemoteTierGuard> guard) {
		return new TieredCacheHealthIndicator(() -> beanFactory.getBeansOfType(TieredCacheManager.class).values(),
				remoteTierProbe.getIfAvailable(), properties.getHealth().isFailOnRedisDown(), bus.getIfUnique(),
				guard.getIfUnique());
	}

}
