package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.metrics.OnDemandCacheMetricsBinder;
import io.github.tieredcache.metrics.TieredCacheMeterBinderProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheMetricsAutoConfiguration}.
 */
class TieredCacheMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				TieredCacheAutoConfiguration.class, CacheAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
				TieredCacheMetricsAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.products.ttl=10m");

	@Test
	void cachesConfiguredUpFrontGetSpringBootsCacheMetersAndTheTierMeters() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cache.gets")
				.tags("cache", "products", "cache.manager", "cacheManager", "result", "hit")
				.functionCounter()).isNotNull();
			assertThat(registry.get("tiered.cache.gets")
				.tags("cache", "products", "cache.manager", "cacheManager", "tier", "l1", "result", "hit")
				.functionCounter()).isNotNull();
		});
	}

	@Test
	void cachesCreatedOnDemandAfterStartUpAreBoundWithTheSameTags() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cache.gets").tag("cache", "prices").meters()).isEmpty();
			context.getBean(TieredCacheManager.class).getCache("prices").get("1");
			assertThat(registry.get("cache.gets")
				.tags("cache", "prices", "cache.manager", "cacheManager", "name", "prices", "result", "miss")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("tiered.cache.gets").tags("cache", "prices", "tier", "l1").meters()).hasSize(2);
		});
	}

	@Test
	void cachesAreBoundWithoutSpringBootsCacheMetricsAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, TieredCacheMetricsAutoConfiguration.class))
			.withPropertyValues("tiered-cache.caches.products.ttl=10m")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(TieredCacheManager.class).getCache("prices");
				assertThat(registry.get("cache.gets").tag("cache", "products").meters()).hasSize(2);
				assertThat(registry.get("cache.gets").tag("cache", "prices").meters()).hasSize(2);
			});
	}

	@Test
	void metricsCanBeSwitchedOff() {
		this.runner.withPropertyValues("tiered-cache.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TieredCacheMeterBinderProvider.class)
				.doesNotHaveBean(OnDemandCacheMetricsBinder.class);
			assertNoTierMeters(context);
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TieredCacheMeterBinderProvider.class));
	}

	@Test
	void backsOffWithoutATieredCacheManager() {
		this.runner.withPropertyValues("tiered-cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TieredCacheMeterBinderProvider.class));
	}

	@Test
	void everyBeanBacksOffToTheApplicationsOwn() {
		TieredCacheMeterBinderProvider provider = new TieredCacheMeterBinderProvider();
		OnDemandCacheMetricsBinder binder = new OnDemandCacheMetricsBinder(java.util.Map::of, () -> null, () -> null);
		this.runner.withBean(TieredCacheMeterBinderProvider.class, () -> provider)
			.withBean(OnDemandCacheMetricsBinder.class, () -> binder)
			.run((context) -> {
				assertThat(context).getBean(TieredCacheMeterBinderProvider.class).isSameAs(provider);
				assertThat(context).getBean(OnDemandCacheMetricsBinder.class).isSameAs(binder);
			});
	}

	private static void assertNoTierMeters(AssertableApplicationContext context) {
		assertThat(context.getBean(MeterRegistry.class).find("tiered.cache.gets").meters()).isEmpty();
	}

}
