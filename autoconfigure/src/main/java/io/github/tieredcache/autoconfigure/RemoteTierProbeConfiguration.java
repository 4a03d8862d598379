package io.github.tieredcache.autoconfigure;

import java.time.Duration;

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
		Duration timeout = properties.getHealth().getPingTimeout();
		return PropertyRules.build("tiered-cache.health.ping-timeout", timeout, "a positive duration such as 500ms",
				() -> new RedisRemoteTierProbe(connectionFactory, timeout));
	}

}
