package io.github.tieredcache.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Properties;

import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import io.github.tieredcache.cache.TieredCacheManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.cache.autoconfigure.CacheProperties;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The application's JCache {@link javax.cache.CacheManager} (JSR-107), alongside the
 * {@link TieredCacheManager}.
 *
 * <p>
 * Spring Boot creates its {@code javax.cache.CacheManager} bean only as the store of its
 * own JCache-backed Spring {@link CacheManager}, so it backs off as soon as the tiered
 * manager exists, and whatever injects that bean (a Hibernate second-level cache
 * configured through a {@code HibernatePropertiesCustomizer}, typically) no longer finds
 * one. This configuration creates it in the tiered manager's presence when Spring Boot
 * would have without it: caching is enabled ({@code @EnableCaching}) and exactly one
 * JCache provider is on the classpath, or {@code spring.cache.jcache.provider} names one.
 * Like Spring Boot's, the manager is read from {@code spring.cache.jcache.config} when
 * set, gets the properties of every {@link JCachePropertiesCustomizer}, creates the
 * caches of {@code spring.cache.cache-names} with the application's default
 * {@link Configuration} bean (or a {@link MutableConfiguration}) and is then handed to
 * every {@link JCacheManagerCustomizer}.
 *
 * <p>
 * Backs off when the application defines its own {@code javax.cache.CacheManager}.
 */
@AutoConfiguration(after = TieredCacheAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ Caching.class, CacheProperties.class })
@ConditionalOnBean({ TieredCacheManager.class, CacheAspectSupport.class })
@ConditionalOnMissingBean(javax.cache.CacheManager.class)
@Conditional(TieredCacheJCacheAutoConfiguration.JCacheProviderCondition.class)
@EnableConfigurationProperties(CacheProperties.class)
public final class TieredCacheJCacheAutoConfiguration {

	@Bean
	javax.cache.CacheManager jCacheCacheManager(CacheProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<Configuration<?, ?>> defaultCacheConfiguration,
			ObjectProvider<JCachePropertiesCustomizer> propertiesCustomizers,
			ObjectProvider<JCacheManagerCustomizer> managerCustomizers) throws IOException {
		String providerName = properties.getJcache().getProvider();
		CachingProvider provider = StringUtils.hasText(providerName) ? Caching.getCachingProvider(providerName)
				: Caching.getCachingProvider();
		Properties providerProperties = new Properties();
		propertiesCustomizers.orderedStream().forEach((customizer) -> customizer.customize(providerProperties));
		javax.cache.CacheManager manager = provider.getCacheManager(configUri(properties),
				resourceLoader.getClassLoader(), providerProperties);
		for (String name : properties.getCacheNames()) {
			manager.createCache(name, defaultCacheConfiguration.getIfAvailable(MutableConfiguration::new));
		}
		managerCustomizers.orderedStream().forEach((customizer) -> customizer.customize(manager));
		return manager;
	}

	/**
	 * The provider's default URI when {@code spring.cache.jcache.config} is not set;
	 * fails naming the location when it is set to a missing resource.
	 */
	private static @Nullable URI configUri(CacheProperties properties) throws IOException {
		Resource config = properties.resolveConfigLocation(properties.getJcache().getConfig());
		return (config != null) ? config.getURI() : null;
	}

	/**
	 * Matches when {@code spring.cache.jcache.provider} is set or the classpath has
	 * exactly one JCache provider, as Spring Boot requires before creating its JCache
	 * manager: with several and none chosen, there is no telling which the application
	 * meant.
	 */
	static class JCacheProviderCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment().containsProperty("spring.cache.jcache.provider")) {
				return ConditionOutcome.match("spring.cache.jcache.provider is set");
			}
			Iterator<CachingProvider> providers = Caching.getCachingProviders(context.getClassLoader()).iterator();
			if (!providers.hasNext()) {
				return ConditionOutcome.noMatch("no JCache provider on the classpath");
			}
			providers.next();
			return providers.hasNext()
					? ConditionOutcome.noMatch("several JCache providers and no spring.cache.jcache.provider")
					: ConditionOutcome.match("one JCache provider on the classpath");
		}

	}

}
