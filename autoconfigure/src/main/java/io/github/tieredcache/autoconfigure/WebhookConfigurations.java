package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.webhook.InvalidationWebhook;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The two ways to create the {@link InvalidationWebhook}, imported in this order by
 * {@link TieredCacheWebhookAutoConfiguration}: with Redis, else without. They are not
 * nested in the auto-configuration because nested configurations are processed in the
 * order of their names, which would let the fallback win.
 */
final class WebhookConfigurations {

	private WebhookConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
	@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
	static class Redis {

		@Bean
		@ConditionalOnMissingBean
		InvalidationWebhook tieredCacheInvalidationWebhook(CacheInvalidator invalidator,
				TieredCacheWebhookProperties properties, ObjectProvider<CacheManager> cacheManager,
				RedisConnectionFactory connectionFactory, TieredCacheProperties cacheProperties,
				Environment environment) {
			InvalidationWebhook.Builder builder = TieredCacheWebhookAutoConfiguration
				.builder(invalidator, properties, cacheManager)
				.redis(connectionFactory, RedisTierConfiguration.keyPrefix(cacheProperties, environment),
						cacheProperties.getRedis().getTimeout());
			return TieredCacheWebhookAutoConfiguration.build(builder, properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Local {

		@Bean
		@ConditionalOnMissingBean
		InvalidationWebhook tieredCacheInvalidationWebhook(CacheInvalidator invalidator,
				TieredCacheWebhookProperties properties, ObjectProvider<CacheManager> cacheManager) {
			return TieredCacheWebhookAutoConfiguration
				.build(TieredCacheWebhookAutoConfiguration.builder(invalidator, properties, cacheManager), properties);
		}

	}

}
