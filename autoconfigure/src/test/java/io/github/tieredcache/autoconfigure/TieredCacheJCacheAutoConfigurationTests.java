package io.github.tieredcache.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheJCacheAutoConfiguration}: the application's
 * {@code javax.cache.CacheManager} survives the tiered manager, built as Spring Boot
 * would build it.
 */
class TieredCacheJCacheAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheJCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CachingConfiguration.class);

	@Test
	void jCacheManagerExistsBesideTheTieredManager() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(javax.cache.CacheManager.class);
			assertThat(context.getBeanNamesForType(javax.cache.CacheManager.class))
				.containsExactly("jCacheCacheManager");
			assertThat(context.getBean(javax.cache.CacheManager.class).getCachingProvider())
				.isInstanceOf(CaffeineCachingProvider.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(TieredCacheManager.class);
		});
	}

	@Test
	void backsOffToTheApplicationsOwnJCacheManager() {
		javax.cache.CacheManager own = Caching.getCachingProvider()
			.getCacheManager(Caching.getCachingProvider().getDefaultURI(),
					new ClassLoader(getClass().getClassLoader()) {
					});
		try {
			this.runner.withBean("applicationJCacheManager", javax.cache.CacheManager.class, () -> own)
				.run((context) -> {
					assertThat(context).hasSingleBean(javax.cache.CacheManager.class);
					assertThat(context.getBean(javax.cache.CacheManager.class)).isSameAs(own);
				});
		}
		finally {
			own.close();
		}
	}

	@Test
	void readsTheConfigurationFileAndCreatesTheNamedCaches() {
		this.runner
			.withPropertyValues("spring.cache.jcache.config=classpath:jcache/caffeine-orders.conf",
					"spring.cache.cache-names=invoices")
			.run((context) -> {
				javax.cache.CacheManager manager = context.getBean(javax.cache.CacheManager.class);
				assertThat(manager.getURI().toString()).endsWith("jcache/caffeine-orders.conf");
				assertThat(manager.getCacheNames()).contains("invoices");
				// Caffeine creates the caches of its configuration file on first use
				assertThat(manager.getCache("orders").getConfiguration(CaffeineConfiguration.class).getMaximumSize())
					.hasValue(100);
			});
	}

	@Test
	void missingConfigurationFileStopsStartUpNamingIt() {
		this.runner.withPropertyValues("spring.cache.jcache.config=classpath:jcache/missing.conf").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("jcache/missing.conf");
		});
	}

	@Test
	void appliesTheApplicationsCustomizersAndDefaultCacheConfiguration() {
		List<String> propertiesSeen = new ArrayList<>();
		this.runner.withPropertyValues("spring.cache.cache-names=invoices")
			.withBean(JCachePropertiesCustomizer.class,
					() -> (properties) -> propertiesSeen.add("customized " + properties.size()))
			.withBean(JCacheManagerCustomizer.class,
					() -> (manager) -> manager.createCache("audit",
							new MutableConfiguration<String, String>().setTypes(String.class, String.class)))
			.withBean("defaultJCacheConfiguration", javax.cache.configuration.Configuration.class,
					() -> new MutableConfiguration<>().setStatisticsEnabled(true))
			.run((context) -> {
				javax.cache.CacheManager manager = context.getBean(javax.cache.CacheManager.class);
				assertThat(propertiesSeen).containsExactly("customized 0");
				assertThat(manager.getCacheNames()).contains("invoices", "audit");
				assertThat(manager.getCache("invoices")
					.getConfiguration(CompleteConfiguration.class)
					.isStatisticsEnabled()).isTrue();
			});
	}

	@Test
	void namesTheProviderWithSpringCacheJCacheProvider() {
		this.runner.withPropertyValues("spring.cache.jcache.provider=" + CaffeineCachingProvider.class.getName())
			.run((context) -> assertThat(context.getBean(javax.cache.CacheManager.class).getCachingProvider())
				.isInstanceOf(CaffeineCachingProvider.class));
	}

	@Test
	void noJCacheManagerWithoutEnableCachingAsWithSpringBoot() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheJCacheAutoConfiguration.class, CacheAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(javax.cache.CacheManager.class));
	}

	@Test
	void noJCacheManagerWithoutTheJCacheApi() {
		this.runner.withClassLoader(new FilteredClassLoader(Caching.class))
			.run((context) -> assertThat(context).doesNotHaveBean("jCacheCacheManager"));
	}

	@Test
	void springBootBuildsItsOwnWhenTheTieredCacheIsOff() {
		this.runner.withPropertyValues("tiered-cache.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(javax.cache.CacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(JCacheCacheManager.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
