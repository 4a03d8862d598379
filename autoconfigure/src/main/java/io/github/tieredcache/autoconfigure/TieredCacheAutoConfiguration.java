package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.InvalidationListener;
import io.github.tieredcache.cache.KeyEncoder;
import io.github.tieredcache.cache.RefreshExecutor;
import io.github.tieredcache.cache.RemoteTierFactory;
import io.github.tieredcache.cache.TieredCacheManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the tiered cache: a {@link TieredCacheManager} named
 * {@code cacheManager}, with a Redis tier when the application has a Redis connection
 * (see {@link RedisTierConfiguration}) and in-process only otherwise. Runs before Spring
 * Boot's own cache auto-configuration, so applications with {@code @EnableCaching} (and
 * {@code spring-boot-starter-cache}) get this manager, and backs off when the application
 * defines its own {@link CacheManager} or chooses one of Spring Boot's with
 * {@code spring.cache.type}. Beans of type {@link TieredCacheManagerBuilderCustomizer}
 * adjust the manager's builder, in order, before it is built.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, Caffeine.class })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@Conditional(NoSpringCacheTypeCondition.class)
@EnableConfigurationProperties(TieredCacheProperties.class)
@Import(RedisTierConfiguration.class)
public final class TieredCacheAutoConfiguration {

	private static final Log logger = LogFactory.getLog(TieredCacheAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	KeyEncoder tieredCacheKeyEncoder() {
		return KeyEncoder.standard();
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshExecutor tieredCacheRefreshExecutor() {
		return RefreshExecutor.createDefault();
	}

	@Bean
	@ConditionalOnMissingBean(CacheManager.class)
	TieredCacheManager cacheManager(TieredCacheProperties properties, KeyEncoder keyEncoder,
			ObjectProvider<RemoteTierFactory> remoteTiers, ObjectProvider<InvalidationListener> invalidationListener,
			RefreshExecutor tieredCacheRefreshExecutor,
			ObjectProvider<TieredCacheManagerBuilderCustomizer> customizers) {
		CacheSpecResolver resolver = new CacheSpecResolver(properties);
		Map<String, CacheSpec> caches = resolver.caches();
		RemoteTierFactory remote = remoteTiers.getIfAvailable();
		if (remote == null) {
			logger.info("Tiered cache running in process only: no Redis connection is configured");
		}
		TieredCacheManager.Builder builder = TieredCacheManager.builder()
			.defaults(resolver.defaults())
			.createOnDemand(properties.isCreateOnDemand())
			.keyEncoder(keyEncoder)
			.remoteTiers(remote)
			.invalidationListener(invalidationListener.getIfUnique(() -> InvalidationListener.NONE))
			.refreshExecutor(tieredCacheRefreshExecutor)
			.bulkFillGuard(bulkFillGuard(properties.getSync()));
		caches.values().forEach(builder::cache);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Bulk fills (warming) keep watching their keys until the bus has had time to notice
	 * lost messages: a silent peer after its missed heartbeats, plus one interval of
	 * margin; never less than {@link BulkFill#DEFAULT_GUARD}.
	 */
	private static Duration bulkFillGuard(TieredCacheProperties.Sync sync) {
		Duration detection = sync.getHeartbeatInterval().multipliedBy(sync.getMissedHeartbeats() + 2L);
		return (detection.compareTo(BulkFill.DEFAULT_GUARD) > 0) ? detection : BulkFill.DEFAULT_GUARD;
	}

	@Bean
	@ConditionalOnMissingBean
	TieredCacheStartupReport tieredCacheStartupReport(ListableBeanFactory beanFactory,
			ObjectProvider<RemoteTierFactory> remoteTiers) {
		return new TieredCacheStartupReport(() -> beanFactory.getBeansOfType(TieredCacheManager.class),
				remoteTiers.getIfAvailable() != null);
	}

}
