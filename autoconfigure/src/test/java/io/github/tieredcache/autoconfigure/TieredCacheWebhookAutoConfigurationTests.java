package io.github.tieredcache.autoconfigure;

import java.nio.charset.StandardCharsets;

import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.metrics.WebhookMeterBinder;
import io.github.tieredcache.webhook.InvalidationWebhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook is on only in a servlet web application with a secret; the secret is
 * checked at start-up without ever being shown.
 */
class TieredCacheWebhookAutoConfigurationTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class, TieredCacheWebhookAutoConfiguration.class))
		.withPropertyValues("tiered-cache.webhook.secret=" + SECRET);

	@Test
	void aSecretEnablesTheWebhookOnItsDefaultPath() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InvalidationWebhook.class).hasBean("tieredCacheWebhookRoute");
			assertThat(context.getBean("tieredCacheWebhookRoute", RouterFunction.class).toString())
				.contains("/cache/invalidations");
			assertThat(context.getBean(InvalidationWebhook.class).isShared()).isFalse();
			assertThat(context.getBean(InvalidationWebhook.class).maxBodySize()).isEqualTo(64 * 1024);
		});
	}

	@Test
	void thePathIsConfigurable() {
		this.runner.withPropertyValues("tiered-cache.webhook.path=/hooks/cache")
			.run((context) -> assertThat(context.getBean("tieredCacheWebhookRoute", RouterFunction.class).toString())
				.contains("/hooks/cache"));
	}

	@Test
	void withoutASecretThereIsNoWebhook() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheWebhookAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InvalidationWebhook.class)
				.doesNotHaveBean("tieredCacheWebhookRoute"));
	}

	@Test
	void outsideAServletApplicationThereIsNoWebhook() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, TieredCacheWebhookAutoConfiguration.class))
			.withPropertyValues("tiered-cache.webhook.secret=" + SECRET)
			.run((context) -> assertThat(context).doesNotHaveBean(InvalidationWebhook.class));
	}

	@Test
	void withoutSpringMvcThereIsNoWebhook() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet.function"))
			.run((context) -> assertThat(context).doesNotHaveBean(InvalidationWebhook.class));
	}

	@Test
	void withRedisSignaturesAreRememberedThere() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(InvalidationWebhook.class).isShared()).isTrue());
	}

	@Test
	void aShortSecretStopsStartUpNamingThePropertyWithoutShowingTheSecret() {
		String secret = "only-thirty-one-bytes-long-0123";
		assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSize(31);
		this.runner.withPropertyValues("tiered-cache.webhook.secret=" + secret).run((context) -> {
			assertThat(context).hasFailed();
			InvalidTieredCachePropertyException failure = StartupFailures.cause(context.getStartupFailure(),
					InvalidTieredCachePropertyException.class);
			assertThat(failure.getProperty()).isEqualTo("tiered-cache.webhook.secret");
			assertThat(failure.getValue()).isEqualTo("(31 bytes, not shown)");
			assertThat(failure.getReason()).contains("at least 32");
			assertThat(failure.getAction()).contains("openssl rand -hex 32");
			assertThat(failure).hasMessageNotContaining(secret);
			assertThat(new InvalidTieredCachePropertyFailureAnalyzer().analyze(failure).getDescription())
				.doesNotContain(secret);
		});
	}

	@Test
	void anEmptySecretStopsStartUp() {
		this.runner.withPropertyValues("tiered-cache.webhook.secret=")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getProperty())
				.isEqualTo("tiered-cache.webhook.secret"));
	}

	@Test
	void aToleranceUnderASecondStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tiered-cache.webhook.tolerance=500ms")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getProperty())
				.isEqualTo("tiered-cache.webhook.tolerance"));
	}

	@Test
	void aRelativePathStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tiered-cache.webhook.path=cache")
			.run((context) -> assertThat(
					StartupFailures.cause(context.getStartupFailure(), InvalidTieredCachePropertyException.class)
						.getProperty())
				.isEqualTo("tiered-cache.webhook.path"));
	}

	@Test
	void bindsTheWebhookMetersWhenMicrometerIsThere() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean(WebhookMeterBinder.class).bindTo(registry);
			assertThat(registry.get("tiered.cache.webhook.calls").functionCounters()).hasSize(8);
			assertThat(registry.get("tiered.cache.webhook.signatures").tag("store", "local").functionCounter())
				.isNotNull();
		});
	}

	@Test
	void backsOffForTheApplicationsOwnWebhook() {
		this.runner.withUserConfiguration(OwnWebhook.class)
			.run((context) -> assertThat(context.getBean(InvalidationWebhook.class))
				.isSameAs(context.getBean(OwnWebhook.class).webhook));
	}

	@Test
	void isOffWithTheTieredCache() {
		this.runner.withPropertyValues("tiered-cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(InvalidationWebhook.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebhook {

		final InvalidationWebhook webhook = InvalidationWebhook
			.builder(CacheInvalidatorStub.INSTANCE, SECRET.getBytes(StandardCharsets.UTF_8))
			.build();

		@Bean
		InvalidationWebhook ownWebhook() {
			return this.webhook;
		}

	}

	/**
	 * An invalidator that is never called.
	 */
	enum CacheInvalidatorStub {

		;

		static final CacheInvalidator INSTANCE = (CacheInvalidator) java.lang.reflect.Proxy.newProxyInstance(
				CacheInvalidator.class.getClassLoader(), new Class<?>[] { CacheInvalidator.class },
				(proxy, method, args) -> {
					throw new UnsupportedOperationException(method.getName());
				});

	}

}
