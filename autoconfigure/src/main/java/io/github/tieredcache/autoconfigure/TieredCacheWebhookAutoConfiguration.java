package io.github.tieredcache.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.metrics.WebhookMeterBinder;
import io.github.tieredcache.webhook.InvalidationWebhook;
import io.github.tieredcache.webhook.WebhookRoutes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the signed invalidation webhook in Spring MVC applications: on
 * only when {@code tiered-cache.webhook.secret} is set, {@code POST} to
 * {@code tiered-cache.webhook.path} runs the invalidation a signed call asks for through
 * the {@link CacheInvalidator}. With the application's Redis, each signature is accepted
 * once across all instances; without it, once per instance.
 */
@AutoConfiguration(after = TieredCacheAnnotationsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
		name = { "org.springframework.web.servlet.function.RouterFunction", "tools.jackson.databind.json.JsonMapper" })
@ConditionalOnBooleanProperty(name = "tiered-cache.enabled", matchIfMissing = true)
@ConditionalOnProperty("tiered-cache.webhook.secret")
@ConditionalOnBean(CacheInvalidator.class)
@EnableConfigurationProperties({ TieredCacheWebhookProperties.class, TieredCacheProperties.class })
@Import({ WebhookConfigurations.Redis.class, WebhookConfigurations.Local.class })
public final class TieredCacheWebhookAutoConfiguration {

	private static final String PREFIX = "tiered-cache.webhook.";

	@Bean
	RouterFunction<ServerResponse> tieredCacheWebhookRoute(InvalidationWebhook webhook,
			TieredCacheWebhookProperties properties) {
		String path = properties.getPath();
		return PropertyRules.build(PREFIX + "path", path, "a path such as /cache/invalidations", () -> {
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException("the path must start with '/'");
			}
			return WebhookRoutes.of(path, webhook);
		});
	}

	static InvalidationWebhook.Builder builder(CacheInvalidator invalidator, TieredCacheWebhookProperties properties,
			ObjectProvider<CacheManager> cacheManager) {
		String secret = (properties.getSecret() != null) ? properties.getSecret() : "";
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		InvalidationWebhook.Builder builder = InvalidationWebhook.builder(invalidator, bytes);
		PropertyRules.apply(PREFIX + "tolerance", properties.getTolerance(), "a duration of at least 1s, such as 5m",
				() -> builder.tolerance(properties.getTolerance()));
		PropertyRules.apply(PREFIX + "max-body-size", properties.getMaxBodySize(), "a positive size such as 64KB",
				() -> builder.maxBodySize(properties.getMaxBodySize().toBytes()));
		return builder.cacheExists(cacheExists(cacheManager));
	}

	static InvalidationWebhook build(InvalidationWebhook.Builder builder, TieredCacheWebhookProperties properties) {
		int length = (properties.getSecret() != null) ? properties.getSecret().getBytes(StandardCharsets.UTF_8).length
				: 0;
		// The report shows the secret's length, never the secret
		return PropertyRules.build(PREFIX + "secret", "(" + length + " bytes, not shown)",
				"a random value of at least 32 bytes, e.g. the output of 'openssl rand -hex 32'", builder::build);
	}

	/**
	 * Refuses bodies naming unknown caches only when the tiered manager creates none on
	 * demand; other managers may create caches on first use.
	 */
	private static Predicate<String> cacheExists(ObjectProvider<CacheManager> cacheManager) {
		return (name) -> {
			CacheManager manager = cacheManager.getIfAvailable();
			return !(manager instanceof TieredCacheManager tiered) || tiered.isCreateOnDemand()
					|| tiered.getCacheNames().contains(name);
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	@ConditionalOnBooleanProperty(name = "tiered-cache.metrics.enabled", matchIfMissing = true)
	static class WebhookMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebhookMeterBinder tieredCacheWebhookMeterBinder(InvalidationWebhook webhook) {
			return new WebhookMeterBinder(webhook);
		}

	}

}
