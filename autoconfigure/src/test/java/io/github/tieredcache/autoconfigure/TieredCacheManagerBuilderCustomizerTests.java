package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheManagerBuilderCustomizer} beans applied by
 * {@link TieredCacheAutoConfiguration}.
 */
class TieredCacheManagerBuilderCustomizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class));

	@Test
	void aCustomizerAddsACacheDefinedInCode() {
		this.runner
			.withBean(TieredCacheManagerBuilderCustomizer.class,
					() -> (builder) -> builder.cache(CacheSpec.builder("rates").ttl(Duration.ofSeconds(30)).build()))
			.run((context) -> {
				TieredCache rates = context.getBean(TieredCacheManager.class).getCache("rates");
				assertThat(rates).isNotNull();
				assertThat(rates.spec().ttl()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void aCustomizerReplacesTheKeyEncoder() {
		this.runner.withPropertyValues("tiered-cache.caches.products.ttl=10m")
			.withBean(TieredCacheManagerBuilderCustomizer.class,
					() -> (builder) -> builder.keyEncoder((cache, key) -> "custom-" + key))
			.run((context) -> {
				TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
				assertThat(products.encodeKey(7)).isEqualTo("custom-7");
			});
	}

	@Test
	void customizersRunInOrderSoTheLastOneWins() {
		this.runner.withUserConfiguration(OrderedCustomizers.class).run((context) -> {
			TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
			assertThat(products.spec().ttl()).isEqualTo(Duration.ofMinutes(2));
		});
	}

	@Test
	void customizersAreIgnoredWhenTheApplicationDefinesItsOwnCacheManager() {
		this.runner.withBean(CacheManager.class, NoOpCacheManager::new)
			.withBean(TieredCacheManagerBuilderCustomizer.class, () -> (builder) -> {
				throw new AssertionError("customizer must not be called");
			})
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TieredCacheManager.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		// Declared first but ordered last: it must be applied after the other one.
		@Bean
		@Order(2)
		TieredCacheManagerBuilderCustomizer twoMinutes() {
			return (builder) -> builder.cache(CacheSpec.builder("products").ttl(Duration.ofMinutes(2)).build());
		}

		@Bean
		@Order(1)
		TieredCacheManagerBuilderCustomizer oneMinute() {
			return (builder) -> builder.cache(CacheSpec.builder("products").ttl(Duration.ofMinutes(1)).build());
		}

	}

}
