package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.RemoteTierFactory;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.SerializationFormat;
import io.github.tieredcache.serialization.TypeAllowList;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The Redis tier, on the application's own {@link RedisConnectionFactory}, behind a
 * {@link RemoteTierGuard} (circuit breaker and replay of lost invalidations). Each bean
 * backs off to one the application defines. Nothing here talks to Redis: the tier
 * connects on the first cache call, so the application starts while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
class RedisTierConfiguration {

	private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	@Bean
	@ConditionalOnMissingBean
	CacheValueSerializer tieredCacheValueSerializer(TieredCacheProperties properties, BeanFactory beanFactory) {
		SerializationFormat format = properties.getSerialization().getFormat();
		if (format == SerializationFormat.JSON && !ClassUtils.isPresent(JACKSON, getClass().getClassLoader())) {
			throw new InvalidTieredCachePropertyException("tiered-cache.serialization.format", "json",
					"the JSON format needs Jackson 3 (tools.jackson.core:jackson-databind) on the classpath",
					"Add spring-boot-starter-jackson to the application, or set "
							+ "tiered-cache.serialization.format=jdk.");
		}
		return format.create(allowList(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteTierGuard tieredCacheRemoteTierGuard(TieredCacheProperties properties) {
		return new RemoteTierGuardResolver(properties.getRedis()).guard();
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteTierFactory tieredCacheRemoteTierFactory(RedisConnectionFactory connectionFactory,
			TieredCacheProperties properties, CacheValueSerializer serializer, Environment environment,
			RemoteTierGuard guard) {
		TieredCacheProperties.Redis redis = properties.getRedis();
		RedisTierFactory.Builder builder = RedisTierFactory.builder(connectionFactory)
			.keyPrefix(keyPrefix(properties, environment))
			.serializer(serializer);
		PropertyRules.apply("tiered-cache.redis.max-key-length", redis.getMaxKeyLength(),
				RedisTierFactory.MIN_MAX_KEY_LENGTH + " or more, such as 256",
				() -> builder.maxKeyLength(redis.getMaxKeyLength()));
		PropertyRules.apply("tiered-cache.redis.clear-batch-size", redis.getClearBatchSize(),
				"a value such as 1000, at most " + RedisTierFactory.MAX_CLEAR_BATCH_SIZE,
				() -> builder.clearBatchSize(redis.getClearBatchSize()));
		PropertyRules.apply("tiered-cache.redis.timeout", redis.getTimeout(), "a positive duration such as 250ms",
				() -> builder.timeout(redis.getTimeout()));
		return guard.guard(builder.build());
	}

	static String keyPrefix(TieredCacheProperties properties, Environment environment) {
		String configured = properties.getKeyPrefix();
		if (configured != null) {
			if (!RedisTierFactory.isValidKeyPrefix(configured)) {
				throw new InvalidTieredCachePropertyException("tiered-cache.key-prefix", configured,
						"a key prefix must be non-empty and contain no whitespace",
						"Set tiered-cache.key-prefix to a short name such as 'orders', or remove it to use "
								+ "spring.application.name.");
			}
			return configured;
		}
		String applicationName = environment.getProperty("spring.application.name");
		return (applicationName != null && RedisTierFactory.isValidKeyPrefix(applicationName)) ? applicationName
				: RedisTierFactory.DEFAULT_KEY_PREFIX;
	}

	private static TypeAllowList allowList(TieredCacheProperties properties, BeanFactory beanFactory) {
		List<String> packages = new ArrayList<>();
		if (AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		List<String> configured = properties.getSerialization().getAllowedPackages();
		for (int i = 0; i < configured.size(); i++) {
			String entry = configured.get(i);
			if (!StringUtils.hasText(entry)) {
				throw new InvalidTieredCachePropertyException("tiered-cache.serialization.allowed-packages[" + i + "]",
						entry, "an allow-list entry is blank",
						"Remove the blank entry or name a package such as com.example.catalog.");
			}
			packages.add(entry.trim());
		}
		try {
			return TypeAllowList.of(packages);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTieredCachePropertyException("tiered-cache.serialization.allowed-packages", configured,
					ex.getMessage(),
					"Name packages such as com.example.catalog or classes such as " + "com.example.catalog.Product.");
		}
	}

	/**
	 * Makes the application's Lettuce client fail commands at once while it is
	 * disconnected, instead of queueing them (without bound) until it reconnects. Opt-in,
	 * because it changes the client for the whole application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
	@ConditionalOnBooleanProperty("tiered-cache.redis.reject-commands-when-disconnected")
	static class RejectCommandsWhenDisconnectedConfiguration {

		@Bean
		LettuceClientOptionsBuilderCustomizer tieredCacheRejectCommandsWhenDisconnected() {
			return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

	/**
	 * Brings the caches back to Redis within about {@code max-reconnect-delay} of its
	 * return: caps Lettuce's reconnection back-off for Spring Boot's client (applied
	 * first, so that the application's own {@link ClientResourcesBuilderCustomizer} or
	 * {@code ClientResources} bean wins), and watches the shared connection of any
	 * Lettuce factory, the application's own included (see {@link RedisRecovery}). Only
	 * when the tiered caches use Redis: an application whose caches all stay in process,
	 * or whose own {@link CacheManager} replaces the tiered one, keeps its Lettuce client
	 * (and its shared connection) as it configured them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClient.class, ClientResourcesBuilderCustomizer.class })
	@ConditionalOnMissingBean(value = CacheManager.class, ignored = TieredCacheManager.class)
	@Conditional(AnyCacheUsesRedisCondition.class)
	static class LettuceRecoveryConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "tieredCacheReconnectDelay")
		ClientResourcesBuilderCustomizer tieredCacheReconnectDelay(TieredCacheProperties properties) {
			Duration max = maxReconnectDelay(properties);
			return (resources) -> resources
				.reconnectDelay(() -> Delay.exponential(Duration.ZERO, max, 2, TimeUnit.MILLISECONDS));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "tiered-cache.redis.reconnect-eagerly", matchIfMissing = true)
		RedisRecovery tieredCacheRedisRecovery(RedisConnectionFactory connectionFactory, RemoteTierGuard guard,
				TieredCacheProperties properties) {
			return new RedisRecovery(connectionFactory, guard, maxReconnectDelay(properties));
		}

		private static Duration maxReconnectDelay(TieredCacheProperties properties) {
			Duration max = properties.getRedis().getMaxReconnectDelay();
			PropertyRules.apply("tiered-cache.redis.max-reconnect-delay", max,
					"a duration such as 500ms, or 30s for Lettuce's own default",
					() -> RedisRecovery.requireValidDelay(max));
			return max;
		}

	}

}
