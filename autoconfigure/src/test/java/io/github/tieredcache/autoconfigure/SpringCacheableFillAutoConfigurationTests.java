package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.aspect.CacheableFillAdvisor;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the starter opens fill scopes around Spring's {@code @Cacheable} methods: only
 * where Spring's caching is enabled, so that an application that does not enable it keeps
 * its beans as they are.
 */
class SpringCacheableFillAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.products.ttl=10m");

	@Test
	void withoutEnableCachingBeansWithCacheableMethodsAreLeftAlone() {
		this.runner.withBean(FinalCatalog.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(TieredCacheManager.class)
				.doesNotHaveBean(CacheableFillAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(FinalCatalog.class))).isFalse();
		});
	}

	@Test
	void withEnableCachingCacheableMethodsRunInFillScopes() {
		this.runner.withUserConfiguration(CachingConfiguration.class).withBean(Catalog.class).run((context) -> {
			assertThat(context).hasSingleBean(CacheableFillAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Catalog.class))).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	/**
	 * A final class, which cannot be proxied, whose {@code @Cacheable} is inert since
	 * caching is not enabled.
	 */
	static final class FinalCatalog {

		@Cacheable("products")
		public String find(String id) {
			return "product-" + id;
		}

	}

	static class Catalog {

		@Cacheable("products")
		public String find(String id) {
			return "product-" + id;
		}

	}

}
