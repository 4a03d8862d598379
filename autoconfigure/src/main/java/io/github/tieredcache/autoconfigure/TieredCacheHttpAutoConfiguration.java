package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.http.CachedResponseAdvisor;
import io.github.tieredcache.http.ReactiveResponseCachingFilter;
import io.github.tieredcache.http.ResponseCaching;
import io.github.tieredcache.http.ResponseCachingFilter;
import io.github.tieredcache.invalidation.TagIndex;
import io.github.tieredcache.metrics.ResponseCachingMeterBinder;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of HTTP response caching in Spring MVC and Spring WebFlux
 * applications: {@code @CachedResponse} handler methods answer from a tiered cache,
 * through an advisor around them and a filter, late in the chain (after security), that
 * buffers their responses: a servlet filter in Spring MVC, a {@code WebFilter} in
 * WebFlux. Off with {@code tiered-cache.http.enabled=false}.
 */
@AutoConfiguration(after = TieredCacheAnnotationsAutoConfiguration.class)
@Conditional(TieredCacheHttpAutoConfiguration.OnSpringMvcOrWebFlux.class)
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "tiered-cache.http.enabled", matchIfMissing = true)
@ConditionalOnBean({ CacheManager.class, TagIndex.class })
@EnableConfigurationProperties(TieredCacheHttpProperties.class)
public final class TieredCacheHttpAutoConfiguration {

	/**
	 * The filter's order: inside security and the application's own filters, so that it
	 * sees the request as the handler will.
	 */
	static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final String PREFIX = "tiered-cache.http.";

	private static final String FILTER_NAME = "tieredCacheResponseCachingFilter";

	@Bean
	@ConditionalOnMissingBean
	ResponseCaching tieredCacheResponseCaching(ObjectProvider<CacheManager> cacheManager,
			ObjectProvider<TagIndex> tagIndex, TieredCacheHttpProperties properties) {
		ResponseCaching.Builder builder = ResponseCaching.builder(cacheManager::getObject, tagIndex::getObject)
			.skipAuthenticated(properties.isSkipAuthenticated())
			.honorClientNoCache(properties.isHonorClientNoCache());
		PropertyRules.apply(PREFIX + "max-body-size", properties.getMaxBodySize(), "a positive size such as 1MB",
				() -> builder.maxBodySize(properties.getMaxBodySize().toBytes()));
		PropertyRules.apply(PREFIX + "status-header", properties.getStatusHeader(), "a header name such as X-Cache",
				() -> builder.statusHeader(properties.getStatusHeader()));
		return builder.build();
	}

	private static CacheExpressions expressions(ObjectProvider<CacheExpressions> expressions) {
		return expressions
			.getIfAvailable(() -> new CacheExpressions(TieredCacheHttpAutoConfiguration.class.getClassLoader()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class SpringMvcConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static CachedResponseAdvisor tieredCacheResponseAdvisor(ObjectProvider<CacheExpressions> expressions,
				ObjectProvider<ResponseCaching> caching, BeanFactory beanFactory) {
			return CachedResponseAdvisor.create(expressions(expressions), caching::getObject, beanFactory);
		}

		@Bean
		FilterRegistrationBean<Filter> tieredCacheResponseCachingFilter(ResponseCaching caching) {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
					new ResponseCachingFilter(caching));
			registration.setName(FILTER_NAME);
			registration.setOrder(FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
	static class WebFluxConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static CachedResponseAdvisor tieredCacheResponseAdvisor(ObjectProvider<CacheExpressions> expressions,
				ObjectProvider<ResponseCaching> caching, BeanFactory beanFactory) {
			return CachedResponseAdvisor.createReactive(expressions(expressions), caching::getObject, beanFactory);
		}

		@Bean(FILTER_NAME)
		ReactiveResponseCachingFilter tieredCacheResponseCachingFilter(ResponseCaching caching) {
			return new ReactiveResponseCachingFilter(caching, FILTER_ORDER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	@ConditionalOnBooleanProperty(name = "tiered-cache.metrics.enabled", matchIfMissing = true)
	static class ResponseCachingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ResponseCachingMeterBinder tieredCacheResponseCachingMeterBinder(ResponseCaching caching) {
			return new ResponseCachingMeterBinder(caching);
		}

	}

	/**
	 * A Spring MVC or a Spring WebFlux application.
	 */
	static final class OnSpringMvcOrWebFlux extends AnyNestedCondition {

		OnSpringMvcOrWebFlux() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
		static final class SpringMvc {

		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
		static final class WebFlux {

		}

	}

}
