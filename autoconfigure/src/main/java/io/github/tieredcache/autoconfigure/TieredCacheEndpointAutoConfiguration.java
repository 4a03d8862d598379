package io.github.tieredcache.autoconfigure;

import java.util.List;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.endpoint.TieredCacheEndpoint;
import io.github.tieredcache.actuate.endpoint.TieredCacheEndpointWebExtension;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.warming.CacheWarming;
import io.github.tieredcache.write.WriteBehindQueues;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code tieredcache} actuator endpoint, when it is available
 * (enabled and exposed). Its operations that change caches need
 * {@code management.endpoint.tieredcache.access=unrestricted}.
 */
@AutoConfiguration(after = { TieredCacheAutoConfiguration.class, TieredCacheWriteAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBean(TieredCacheManager.class)
@ConditionalOnAvailableEndpoint(TieredCacheEndpoint.class)
@EnableConfigurationProperties(TieredCacheProperties.class)
@Import(RemoteTierProbeConfiguration.class)
public final class TieredCacheEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TieredCacheEndpoint tieredCacheEndpoint(ListableBeanFactory beanFactory,
			ObjectProvider<RemoteTierProbe> remoteTierProbe, ObjectProvider<CacheWarming> warming,
			ObjectProvider<WriteBehindQueues> writeBehind) {
		return new TieredCacheEndpoint(beanFactory.getBeansOfType(TieredCacheManager.class),
				remoteTierProbe.getIfAvailable(), () -> {
					CacheWarming available = warming.getIfUnique();
					return (available != null) ? available.warmers() : List.of();
				}, (cache) -> {
					WriteBehindQueues queues = writeBehind.getIfUnique();
					return (queues != null) ? queues.stats(cache) : null;
				});
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TieredCacheEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	TieredCacheEndpointWebExtension tieredCacheEndpointWebExtension(TieredCacheEndpoint endpoint) {
		return new TieredCacheEndpointWebExtension(endpoint);
	}

}
