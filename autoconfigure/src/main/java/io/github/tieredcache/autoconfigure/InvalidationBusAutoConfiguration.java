package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import io.github.tieredcache.cache.InvalidationListener;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the cross-instance {@link InvalidationBus}: when the tiered cache
 * has Redis, every instance with the same key prefix tells the others what to drop from
 * their L1. The bus is the {@link TieredCacheManager}'s {@link InvalidationListener}; it
 * backs off when the application defines its own listener, and is off with
 * {@code tiered-cache.sync.enabled=false} or when every cache has
 * {@code l2.enabled=false} (no subscription, no heartbeat: instances that share nothing
 * have nothing to tell each other).
 */
@AutoConfiguration(after = TieredCacheAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "tiered-cache.sync.enabled", matchIfMissing = true)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@Conditional(AnyCacheUsesRedisCondition.class)
@EnableConfigurationProperties(TieredCacheProperties.class)
public final class InvalidationBusAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(InvalidationListener.class)
	InvalidationBus tieredCacheInvalidationBus(RedisConnectionFactory connectionFactory,
			TieredCacheProperties properties, Environment environment, ObjectProvider<TieredCacheManager> caches) {
		TieredCacheProperties.Sync sync = properties.getSync();
		check(sync);
		return InvalidationBus.builder(connectionFactory, RedisTierConfiguration.keyPrefix(properties, environment))
			.localCaches(caches::getObject)
			.heartbeatInterval(sync.getHeartbeatInterval())
			.missedHeartbeats(sync.getMissedHeartbeats())
			.batchWindow(sync.getBatchWindow())
			.batchSize(sync.getBatchSize())
			.queueCapacity(sync.getQueueCapacity())
			.commandTimeout(properties.getRedis().getTimeout())
			.build();
	}

	private static void check(TieredCacheProperties.Sync sync) {
		Duration heartbeat = sync.getHeartbeatInterval();
		if (heartbeat.compareTo(Duration.ofMillis(10)) < 0) {
			throw new InvalidTieredCachePropertyException("tiered-cache.sync.heartbeat-interval", heartbeat,
					"the heartbeat interval must be at least 10ms",
					"Set tiered-cache.sync.heartbeat-interval to a duration such as 2s.");
		}
		if (sync.getMissedHeartbeats() < 2) {
			throw new InvalidTieredCachePropertyException("tiered-cache.sync.missed-heartbeats",
					sync.getMissedHeartbeats(), "one late heartbeat would already count as a silent instance",
					"Set tiered-cache.sync.missed-heartbeats to 2 or more, such as 3.");
		}
		Duration window = sync.getBatchWindow();
		if (window.isNegative() || window.compareTo(heartbeat) >= 0) {
			throw new InvalidTieredCachePropertyException("tiered-cache.sync.batch-window", window,
					"the batch window must be zero or more and shorter than the heartbeat interval (" + heartbeat + ")",
					"Set tiered-cache.sync.batch-window to 0 (publish at once) or a few milliseconds, such as 2ms.");
		}
		if (sync.getBatchSize() < 1 || sync.getBatchSize() > 0xFFFF) {
			throw new InvalidTieredCachePropertyException("tiered-cache.sync.batch-size", sync.getBatchSize(),
					"the batch size must be between 1 and 65535",
					"Set tiered-cache.sync.batch-size to a value such as 512.");
		}
		if (sync.getQueueCapacity() < 1) {
			throw new InvalidTieredCachePropertyException("tiered-cache.sync.queue-capacity", sync.getQueueCapacity(),
					"the queue needs room for at least one invalidation",
					"Set tiered-cache.sync.queue-capacity to a value such as 10000.");
		}
	}

}
