package io.github.tieredcache.autoconfigure;

import java.util.List;

import io.github.tieredcache.aspect.CacheableFillAdvisor;
import io.github.tieredcache.aspect.CachedAdvisor;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.invalidation.InvalidationEventListener;
import io.github.tieredcache.invalidation.InvalidationRule;
import io.github.tieredcache.invalidation.TagIndex;
import io.github.tieredcache.invalidation.TieredCacheInvalidator;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Auto-configuration of {@code @Cached}, {@code @InvalidateOn}, configured invalidation
 * rules and the {@link CacheInvalidator}; with the tiered cache manager, also the
 * {@link CacheableFillAdvisor} that makes misses filled by Spring's {@code @Cacheable}
 * fills rather than writes. Works with the tiered cache manager, and in a reduced form
 * (no per-method TTL, patterns clear whole caches) with any other Spring
 * {@link CacheManager}.
 */
@AutoConfiguration(after = TieredCacheAutoConfiguration.class,
		afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBean(CacheManager.class)
@EnableConfigurationProperties(TieredCacheProperties.class)
@Import({ TieredCacheAnnotationsAutoConfiguration.AutoProxyRegistrar.class, TagIndexConfigurations.Redis.class,
		TagIndexConfigurations.Local.class })
public final class TieredCacheAnnotationsAutoConfiguration {

	private static final String MAX_FLUX_ELEMENTS = "tiered-cache.reactive.max-flux-elements";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CacheExpressions tieredCacheExpressions() {
		return new CacheExpressions(TieredCacheAnnotationsAutoConfiguration.class.getClassLoader());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CachedAdvisor tieredCacheAdvisor(CacheExpressions tieredCacheExpressions,
			ObjectProvider<CacheManager> cacheManager, ObjectProvider<TagIndex> tagIndex, BeanFactory beanFactory,
			Environment environment) {
		// Bound here rather than through TieredCacheProperties: an advisor is created
		// while
		// bean post-processors are, too early for the properties bean to be processed
		int maxFluxElements = Binder.get(environment)
			.bind(MAX_FLUX_ELEMENTS, Integer.class)
			.orElse(CachedAdvisor.DEFAULT_MAX_FLUX_ELEMENTS);
		return PropertyRules.build(MAX_FLUX_ELEMENTS, maxFluxElements, "0 or more, e.g. 10000",
				() -> CachedAdvisor.create(tieredCacheExpressions, cacheManager::getObject, tagIndex::getObject,
						beanFactory, maxFluxElements));
	}

	/**
	 * Only with Spring's caching enabled ({@code @EnableCaching}): without it
	 * {@code @Cacheable} does nothing, and its beans must not be proxied (a final class
	 * could not be) nor their own cache calls taken for fills.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ TieredCacheManager.class, CacheAspectSupport.class })
	static class SpringCacheableFillConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static CacheableFillAdvisor tieredCacheableFillAdvisor(ListableBeanFactory beanFactory) {
			return new CacheableFillAdvisor(new AnnotationCacheOperationSource(false), beanFactory);
		}

	}

	@Bean
	@ConditionalOnMissingBean(CacheInvalidator.class)
	TieredCacheInvalidator cacheInvalidator(ObjectProvider<CacheManager> cacheManager, TagIndex tagIndex,
			CacheExpressions tieredCacheExpressions, TieredCacheProperties properties) {
		TieredCacheInvalidator invalidator = new TieredCacheInvalidator(cacheManager::getObject, tagIndex,
				tieredCacheExpressions, getClass().getClassLoader());
		List<TieredCacheProperties.Rule> rules = properties.getInvalidation().getRules();
		for (int i = 0; i < rules.size(); i++) {
			TieredCacheProperties.Rule rule = rules.get(i);
			invalidator.register(new InvalidationRule("tiered-cache.invalidation.rules[" + i + "]",
					(rule.getEvent() != null) ? rule.getEvent() : "", rule.getCaches(), rule.getKeys(),
					rule.getPatterns(), rule.getTags(), rule.getCascade(), rule.getCondition(), rule.getDelay()));
		}
		return invalidator;
	}

	@Bean
	@ConditionalOnBean(TieredCacheInvalidator.class)
	InvalidationEventListener tieredCacheInvalidationEventListener(TieredCacheInvalidator invalidator) {
		return new InvalidationEventListener(invalidator);
	}

	@Bean
	@ConditionalOnBean(TieredCacheInvalidator.class)
	SmartInitializingSingleton tieredCacheAnnotationScanner(ListableBeanFactory beanFactory,
			CachedAdvisor tieredCacheAdvisor, TieredCacheInvalidator invalidator,
			ObjectProvider<CacheManager> cacheManager) {
		return tieredCacheAdvisor.annotationScanner(beanFactory, invalidator, cacheManager);
	}

	/**
	 * Makes sure an auto-proxy creator exists even without spring-aop's AspectJ support,
	 * as {@code @EnableCaching} does.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
