package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.actuate.endpoint.TieredCacheEndpoint;
import io.github.tieredcache.actuate.endpoint.TieredCacheEndpointWebExtension;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheEndpointAutoConfiguration}.
 */
class TieredCacheEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TieredCacheAutoConfiguration.class, TieredCacheEndpointAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.products.ttl=10m");

	@Test
	void endpointAndWebExtensionExistWhenExposedOverHttp() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tieredcache").run((context) -> {
			assertThat(context).hasSingleBean(TieredCacheEndpoint.class)
				.hasSingleBean(TieredCacheEndpointWebExtension.class);
			assertThat(context.getBean(TieredCacheEndpoint.class).caches().cacheManagers().get("cacheManager").caches())
				.containsKey("products");
		});
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TieredCacheEndpoint.class));
	}

	@Test
	void noEndpointWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=tieredcache",
					"management.endpoint.tieredcache.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(TieredCacheEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tieredcache")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TieredCacheEndpoint.class));
	}

	@Test
	void everyBeanBacksOffToTheApplicationsOwn() {
		TieredCacheEndpoint endpoint = new TieredCacheEndpoint(java.util.Map.of(), null);
		TieredCacheEndpointWebExtension extension = new TieredCacheEndpointWebExtension(endpoint);
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tieredcache")
			.withBean(TieredCacheEndpoint.class, () -> endpoint)
			.withBean(TieredCacheEndpointWebExtension.class, () -> extension)
			.run((context) -> {
				assertThat(context).getBean(TieredCacheEndpoint.class).isSameAs(endpoint);
				assertThat(context).getBean(TieredCacheEndpointWebExtension.class).isSameAs(extension);
				assertThat(context).hasSingleBean(TieredCacheManager.class);
			});
	}

}
