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

	private static final String PREFIX = "tiered-cache.sync.";

	@Bean
	@ConditionalOnMissingBean(InvalidationListener.class)
	InvalidationBus tieredCacheInvalidationBus(RedisConnectionFactory connectionFactory,
			TieredCacheProperties properties, Environment environment, ObjectProvider<TieredCacheManager> caches) {
		TieredCacheProperties.Sync sync = properties.getSync();
		InvalidationBus.Builder builder = InvalidationBus
			.builder(connectionFactory, RedisTierConfiguration.keyPrefix(properties, environment))
			.localCaches(caches::getObject);
		Duration heartbeat = sync.getHeartbeatInterval();
		PropertyRules.apply(PREFIX + "heartbeat-interval", heartbeat, "a duration of at least 10ms, such as 2s",
				() -> builder.heartbeatInterval(heartbeat));
		PropertyRules.apply(PREFIX + "missed-heartbeats", sync.getMissedHeartbeats(), "2 or more, such as 3",
				() -> builder.missedHeartbeats(sync.getMissedHeartbeats()));
		PropertyRules.apply(PREFIX + "batch-size", sync.getBatchSize(), "a value from 1 to 65535, such as 512",
				() -> builder.batchSize(sync.getBatchSize()));
		PropertyRules.apply(PREFIX + "queue-capacity", sync.getQueueCapacity(), "a value such as 10000",
				() -> builder.queueCapacity(sync.getQueueCapacity()));
		PropertyRules.apply("tiered-cache.redis.timeout", properties.getRedis().getTimeout(),
				"a positive duration such as 250ms", () -> builder.commandTimeout(properties.getRedis().getTimeout()));
		Duration window = sync.getBatchWindow();
		// build() checks the window against the heartbeat interval
		return PropertyRules.build(PREFIX + "batch-window", window,
				"0 (publish at once) or a few milliseconds shorter than " + PREFIX + "heartbeat-interval, such as 2ms",
				() -> builder.batchWindow(window).build());
	}

}
