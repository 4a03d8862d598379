package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.aspect.CachedAdvisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheAnnotationsAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TieredCacheAnnotationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class));

	@Test
	void theAdvisorCreatesNoApplicationBeanWhileBeanPostProcessorsAreCreated(CapturedOutput output) {
		this.runner.withUserConfiguration(PostProcessorConfiguration.class)
			.withPropertyValues("tiered-cache.reactive.max-flux-elements=5")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CachedAdvisor.class);
				assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		static BeanPostProcessor applicationPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

}
