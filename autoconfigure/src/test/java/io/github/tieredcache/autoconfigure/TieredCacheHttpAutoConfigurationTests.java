package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.annotation.CachedResponse;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.http.CachedResponseAdvisor;
import io.github.tieredcache.http.ReactiveResponseCachingFilter;
import io.github.tieredcache.http.ResponseCaching;
import io.github.tieredcache.metrics.ResponseCachingMeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response caching is on in Spring MVC and WebFlux applications unless switched off, and
 * checks its properties at start-up.
 */
class TieredCacheHttpAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class, TieredCacheHttpAutoConfiguration.class));

	@Test
	void isOnInAServletApplication() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ResponseCaching.class)
			.hasSingleBean(CachedResponseAdvisor.class)
			.hasBean("tieredCacheResponseCachingFilter")
			.hasSingleBean(ResponseCachingMeterBinder.class));
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues("tiered-cache.http.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseCaching.class)
				.doesNotHaveBean(CachedResponseAdvisor.class)
				.doesNotHaveBean("tieredCacheResponseCachingFilter"));
	}

	@Test
	void isOnInAWebFluxApplicationWithoutTheServletApi() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheHttpAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ResponseCaching.class)
				.hasSingleBean(CachedResponseAdvisor.class)
				.hasSingleBean(ReactiveResponseCachingFilter.class)
				.hasBean("tieredCacheResponseCachingFilter")
				.hasSingleBean(ResponseCachingMeterBinder.class));
	}

	@Test
	void aWebFluxHandlerReturningAPlainValueStopsStartUpNamingTheMethod() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheHttpAutoConfiguration.class))
			.withBean(PlainGreeting.class)
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidCacheAnnotationException.class))
				.hasMessageContaining("PlainGreeting.greeting")
				.hasMessageContaining("Return a Mono or a Flux"));
	}

	@Test
	void isOffInAReactiveApplicationWithoutWebFlux() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheHttpAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseCaching.class)
				.doesNotHaveBean(CachedResponseAdvisor.class));
	}

	@Test
	void aServletApplicationGetsNoWebFilter() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ReactiveResponseCachingFilter.class));
	}

	@Test
	void isOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheHttpAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseCaching.class));
	}

	@Test
	void isOffWithoutSpringMvc() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponseCaching.class));
	}

	@Test
	void anInvalidStatusHeaderStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tiered-cache.http.status-header=X Cache")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getProperty())
				.isEqualTo("tiered-cache.http.status-header"));
	}

	@Test
	void aZeroMaxBodySizeStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tiered-cache.http.max-body-size=0")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getProperty())
				.isEqualTo("tiered-cache.http.max-body-size"));
	}

	@Test
	void backsOffForTheApplicationsOwnResponseCaching() {
		this.runner.withUserConfiguration(OwnResponseCaching.class)
			.run((context) -> assertThat(context.getBean(ResponseCaching.class))
				.isSameAs(context.getBean(OwnResponseCaching.class).caching));
	}

	static class PlainGreeting {

		@CachedResponse
		public String greeting() {
			return "Hello";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResponseCaching {

		final ResponseCaching caching = ResponseCaching.builder(() -> (CacheManager) null, () -> null).build();

		@Bean
		ResponseCaching ownResponseCaching() {
			return this.caching;
		}

	}

}
