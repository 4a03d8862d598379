package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * The small Spring applications the annotation comparisons run in: the tiered cache
 * through its own auto-configurations, and Spring's {@code @Cacheable} with
 * {@link CaffeineCacheManager} and with {@link RedisCacheManager}. Each has its own Redis
 * connection factory and is closed by the caller.
 */
final class BenchmarkContexts {

	/**
	 * How long an entry of the miss-and-fill caches lives, so the benchmark's keys go
	 * away.
	 */
	static final Duration FILL_TTL = Duration.ofSeconds(30);

	private static final String REDIS_URL = "bench.redis-url";

	private BenchmarkContexts() {
	}

	/**
	 * Starts an application with the tiered cache's core and annotation
	 * auto-configurations and Spring's caching enabled (so Spring's {@code @Cacheable}
	 * runs on the tiered cache manager, with the starter's fill advisor around it, as in
	 * an application), a {@link CachedProducts} and a {@link CacheableProducts} bean and
	 * its own Lettuce connection factory. Caches: {@value CachedProducts#LOCAL_CACHE} (L1
	 * and L2), {@value CachedProducts#REMOTE_CACHE} (L2 only) and
	 * {@value CachedProducts#FILLED_CACHE} (L1 and L2, short TTL); the {@code @Cacheable}
	 * methods' {@value CacheableProducts#CACHE} is created on first use with the defaults
	 * (L1 and L2).
	 * @param redis the server
	 * @param source the products' source
	 * @return the running context
	 */
	static ConfigurableApplicationContext tiered(BenchmarkRedis redis, ProductSource source) {
		return new SpringApplicationBuilder(TieredApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.initializers((context) -> context.getBeanFactory().registerSingleton("productSource", source))
			.properties(Map.of(REDIS_URL, redis.url(), "tiered-cache.key-prefix", BenchmarkRedis.KEY_PREFIX,
					"tiered-cache.serialization.allowed-packages", "io.github.tieredcache.benchmarks",
					"tiered-cache.caches." + CachedProducts.REMOTE_CACHE + ".l1.enabled", "false",
					"tiered-cache.caches." + CachedProducts.FILLED_CACHE + ".ttl", FILL_TTL.toString(),
					"spring.main.banner-mode", "off"))
			.run();
	}

	/**
	 * Returns a cache of a context started by {@link #tiered}.
	 * @param context the context
	 * @param name the cache name
	 * @return the cache
	 */
	static TieredCache tieredCache(ConfigurableApplicationContext context, String name) {
		TieredCache cache = context.getBean(TieredCacheManager.class).getCache(name);
		if (cache == null) {
			throw new IllegalStateException("The tiered cache manager has no cache named " + name);
		}
		return cache;
	}

	/**
	 * Starts Spring's {@code @Cacheable} on a {@link CaffeineCacheManager} with the
	 * tiered cache's L1 defaults (10,000 entries, 5 minutes after write).
	 * @param source the products' source
	 * @return the running context
	 */
	static ConfigurableApplicationContext springCaffeine(ProductSource source) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getBeanFactory().registerSingleton("productSource", source);
		context.register(SpringCaffeineApplication.class);
		context.refresh();
		return context;
	}

	/**
	 * Starts Spring's {@code @Cacheable} on Spring Data Redis's
	 * {@link RedisCacheManager}, storing values with the same JSON codec as the tiered
	 * cache, under keys starting with {@code bench:spring:}.
	 * @param redis the server
	 * @param source the products' source
	 * @return the running context
	 */
	static ConfigurableApplicationContext springRedis(BenchmarkRedis redis, ProductSource source) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getBeanFactory().registerSingleton("productSource", source);
		context.getEnvironment().getSystemProperties().put(REDIS_URL, redis.url());
		context.register(SpringRedisApplication.class);
		context.refresh();
		return context;
	}

	private static LettuceConnectionFactory connectionFactory(Environment environment) {
		return new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(environment.getRequiredProperty(REDIS_URL)));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class })
	@EnableCaching
	static class TieredApplication {

		@Bean
		LettuceConnectionFactory redisConnectionFactory(Environment environment) {
			return connectionFactory(environment);
		}

		@Bean
		CachedProducts cachedProducts(ProductSource productSource) {
			return new CachedProducts(productSource);
		}

		@Bean
		CacheableProducts cacheableProducts(ProductSource productSource) {
			return new CacheableProducts(productSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class SpringCaffeineApplication {

		@Bean
		CacheManager cacheManager() {
			CaffeineCacheManager manager = new CaffeineCacheManager();
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)));
			return manager;
		}

		@Bean
		CacheableProducts cacheableProducts(ProductSource productSource) {
			return new CacheableProducts(productSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class SpringRedisApplication {

		@Bean
		LettuceConnectionFactory redisConnectionFactory(Environment environment) {
			return connectionFactory(environment);
		}

		@Bean
		CacheManager cacheManager(LettuceConnectionFactory redisConnectionFactory) {
			RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
				.prefixCacheNameWith(BenchmarkRedis.KEY_PREFIX + ":spring:")
				.entryTtl(Duration.ofHours(1))
				.serializeValuesWith(SerializationPair.fromSerializer(new CacheValueRedisSerializer(Product.codec())));
			return RedisCacheManager.builder(redisConnectionFactory)
				.cacheDefaults(defaults)
				.withCacheConfiguration(CachedProducts.FILLED_CACHE, defaults.entryTtl(FILL_TTL))
				.build();
		}

		@Bean
		CacheableProducts cacheableProducts(ProductSource productSource) {
			return new CacheableProducts(productSource);
		}

	}

}
