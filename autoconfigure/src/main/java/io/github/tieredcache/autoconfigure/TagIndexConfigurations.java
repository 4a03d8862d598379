package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.invalidation.LocalTagIndex;
import io.github.tieredcache.invalidation.RedisTagIndex;
import io.github.tieredcache.invalidation.TagIndex;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The two ways to create the {@link TagIndex}, imported in this order by
 * {@link TieredCacheAnnotationsAutoConfiguration}: in Redis, else in memory. They are not
 * nested in the auto-configuration because nested configurations are processed in the
 * order of their names, which let the in-memory fallback win even with Redis.
 */
final class TagIndexConfigurations {

	private TagIndexConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
	static class Redis {

		@Bean
		@ConditionalOnMissingBean
		TagIndex tieredCacheTagIndex(RedisConnectionFactory connectionFactory, TieredCacheProperties properties,
				Environment environment) {
			return new RedisTagIndex(connectionFactory, RedisTierConfiguration.keyPrefix(properties, environment),
					properties.getRedis().getTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Local {

		@Bean
		@ConditionalOnMissingBean
		TagIndex tieredCacheTagIndex(TieredCacheProperties properties) {
			long maxTags = properties.getInvalidation().getMaxLocalTags();
			return PropertyRules.build("tiered-cache.invalidation.max-local-tags", maxTags, "a value such as 100000",
					() -> new LocalTagIndex(maxTags));
		}

	}

}
