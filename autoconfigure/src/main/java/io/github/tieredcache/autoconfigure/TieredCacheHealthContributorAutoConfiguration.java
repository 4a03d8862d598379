package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.health.RedisHealthIndicator;
import io.github.tieredcache.actuate.health.TieredCacheHealthIndicator;
import io.github.tieredcache.cache.RemoteTierFactory;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the {@code tieredCache} health contributor and, when the caches
 * use Redis, of the {@code redis} one in place of Spring Boot's. By default a Redis
 * outage shows in their details without making the application's health DOWN
 * ({@code tiered-cache.health.fail-on-redis-down}). Switched off with
 * {@code management.health.tieredcache.enabled=false} and
 * {@code management.health.redis.enabled=false}; an application's own
 * {@code redisHealthIndicator} or {@code redisHealthContributor} bean replaces ours.
 */
@AutoConfiguration(after = { TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = {
				"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration" })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBean(TieredCacheManager.class)
@EnableConfigurationProperties(TieredCacheProperties.class)
@Import(RemoteTierProbeConfiguration.class)
public final class TieredCacheHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("tieredcache")
	@ConditionalOnMissingBean(name = { "tieredCacheHealthIndicator", "tieredCacheHealthContributor" })
	TieredCacheHealthIndicator tieredCacheHealthIndicator(ListableBeanFactory beanFactory,
			ObjectProvider<RemoteTierProbe> remoteTierProbe, TieredCacheProperties properties,
			ObjectProvider<InvalidationBus> bus, ObjectProvider<RemoteTierGuard> guard) {
		return new TieredCacheHealthIndicator(() -> beanFactory.getBeansOfType(TieredCacheManager.class).values(),
				remoteTierProbe.getIfAvailable(), properties.getHealth().isFailOnRedisDown(), bus.getIfUnique(),
				guard.getIfUnique());
	}

	/**
	 * The {@code redis} health indicator, named as Spring Boot's, which backs off for it
	 * (both its blocking and its reactive Redis contributor): bounded by
	 * {@code tiered-cache.health.ping-timeout}, and an outage is {@code DEGRADED}, not
	 * {@code DOWN}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnEnabledHealthIndicator("redis")
	static class RedisHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
		@ConditionalOnBean(RemoteTierFactory.class)
		@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
		RedisHealthIndicator redisHealthIndicator(RemoteTierProbe remoteTierProbe, TieredCacheProperties properties) {
			return new RedisHealthIndicator(remoteTierProbe, properties.getHealth().isFailOnRedisDown());
		}

	}

}
