package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.actuate.RedisRemoteTierProbe;
import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.cache.RemoteTierFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The probe that the endpoint and the health contributor use to check Redis, when the
 * caches have a Redis tier.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
class RemoteTierProbeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RemoteTierFactory.class)
	@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
	RemoteTierProbe tieredCacheRemoteTierProbe(RedisConnectionFactory connectionFactory,
			TieredCacheProperties properties) {
		return new RedisRemoteTierProbe(connectionFactory, properties.getHealth().getPingTimeout());
	}

}
