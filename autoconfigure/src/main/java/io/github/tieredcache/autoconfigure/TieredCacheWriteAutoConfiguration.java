package io.github.tieredcache.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.metrics.WriteBehindMeterBinder;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.write.WriteBehindQueues;
import io.github.tieredcache.write.WriteStrategyAdvisor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * Auto-configuration of the write strategies: {@code @WriteThrough}, and
 * {@code @WriteBehind} with its {@link WriteBehindQueues} (Redis streams when the
 * application has Redis, synchronous runs otherwise). Write-behind time (delays and
 * back-offs) comes from a {@link Clock} bean named {@code tieredCacheClock} when one
 * exists, so tests can move it.
 */
@AutoConfiguration(after = { TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class },
		afterName = { "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBean(CacheManager.class)
@EnableConfigurationProperties({ TieredCacheProperties.class, TieredCacheWriteBehindProperties.class })
@Import(TieredCacheAnnotationsAutoConfiguration.AutoProxyRegistrar.class)
public final class TieredCacheWriteAutoConfiguration {

	private static final String PREFIX = "tiered-cache.write-behind.";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static WriteStrategyAdvisor tieredCacheWriteStrategyAdvisor(ObjectProvider<CacheManager> cacheManager,
			ObjectProvider<WriteBehindQueues> queues, BeanFactory beanFactory) {
		return WriteStrategyAdvisor.create(
				new CacheExpressions(TieredCacheWriteAutoConfiguration.class.getClassLoader()), cacheManager::getObject,
				queues::getObject, beanFactory);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DefaultPointcutAdvisor tieredCacheQueuedReadAdvisor(WriteStrategyAdvisor tieredCacheWriteStrategyAdvisor) {
		return tieredCacheWriteStrategyAdvisor.queuedReadAdvisor();
	}

	@Bean
	@ConditionalOnMissingBean
	WriteBehindQueues tieredCacheWriteBehindQueues(ObjectProvider<RedisConnectionFactory> connectionFactory,
			ObjectProvider<CacheValueSerializer> serializer, TieredCacheProperties properties,
			TieredCacheWriteBehindProperties writeBehind, Environment environment,
			ObjectProvider<CacheManager> cacheManager, BeanFactory beanFactory,
			@Qualifier("tieredCacheClock") ObjectProvider<Clock> clock) {
		WriteBehindSettingsResolver settings = new WriteBehindSettingsResolver(properties);
		Duration claimAfter = writeBehind.getClaimAfter();
		Duration shutdownTimeout = writeBehind.getShutdownTimeout();
		RedisConnectionFactory redis = connectionFactory.getIfUnique();
		PropertyRules.apply(PREFIX + "shutdown-timeout", shutdownTimeout, "a duration such as 10s",
				() -> WriteBehindQueues.checkShutdownTimeout(shutdownTimeout));
		PropertyRules.apply(PREFIX + "claim-after", claimAfter, "100ms or more, such as 30s",
				() -> WriteBehindQueues.checkClaimAfter(claimAfter));
		return new WriteBehindQueues(redis, properties.getRedis().getTimeout(),
				RedisTierConfiguration.keyPrefix(properties, environment),
				(redis != null) ? serializer.getIfUnique() : null, settings, clock.getIfAvailable(Clock::systemUTC),
				claimAfter, shutdownTimeout, cacheManager::getObject, beanFactory);
	}

	@Bean
	SmartInitializingSingleton tieredCacheWriteAnnotationScanner(ListableBeanFactory beanFactory,
			WriteStrategyAdvisor tieredCacheWriteStrategyAdvisor, WriteBehindQueues queues) {
		return tieredCacheWriteStrategyAdvisor.annotationScanner(beanFactory, queues);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	@ConditionalOnBooleanProperty(name = "tiered-cache.metrics.enabled", matchIfMissing = true)
	static class WriteBehindMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WriteBehindMeterBinder tieredCacheWriteBehindMeterBinder(WriteBehindQueues queues) {
			return new WriteBehindMeterBinder(queues);
		}

	}

}
