package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user story: an application with {@code @EnableCaching} and
 * {@code tiered-cache.caches.products.ttl=10m} uses Spring's caching annotations and gets
 * a two-tier cache on a real Redis.
 */
@SpringBootTest(classes = SpringCacheIntegrationTests.CatalogApplication.class,
		properties = "tiered-cache.caches.products.ttl=10m")
@RealRedis
class SpringCacheIntegrationTests {

	private static final String KEY_PREFIX = "spring-cache-tests-" + UUID.randomUUID();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> KEY_PREFIX);
	}

	@Autowired
	private ProductCatalog catalog;

	@Autowired
	private CacheManager cacheManager;

	private TieredCache products;

	@BeforeEach
	void startWithAnEmptyCache() {
		assertThat(this.cacheManager).isInstanceOf(TieredCacheManager.class);
		this.products = (TieredCache) this.cacheManager.getCache("products");
		this.products.clear();
		this.catalog.resetLookups();
	}

	@Test
	void productsCacheHasTheConfiguredTtlAndBothTiers() {
		assertThat(this.products.spec().ttl()).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.products.localTier()).isNotNull();
		assertThat(this.products.remoteTier()).isNotNull();
	}

	@Test
	void secondCallIsAnL1HitThatDoesNotRunTheMethod() {
		long l1HitsBefore = stats().l1Hits();
		assertThat(this.catalog.find("1")).isEqualTo("product-1");
		assertThat(this.catalog.find("1")).isEqualTo("product-1");
		assertThat(this.catalog.lookups()).isEqualTo(1);
		assertThat(stats().l1Hits()).isEqualTo(l1HitsBefore + 1);
	}

	@Test
	void callAfterL1LostTheEntryIsAnL2HitThatDoesNotRunTheMethod(RedisServer redis) {
		this.catalog.find("2");
		assertThat(redisTtlMillis(redis, "2")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
		this.products.localTier().clear();
		long l2HitsBefore = stats().l2Hits();
		assertThat(this.catalog.find("2")).isEqualTo("product-2");
		assertThat(this.catalog.lookups()).isEqualTo(1);
		assertThat(stats().l2Hits()).isEqualTo(l2HitsBefore + 1);
		assertThat(this.products.localTier().get("2")).as("filled from L2").isNotNull();
	}

	@Test
	void cacheEvictRemovesTheEntryFromBothTiers(RedisServer redis) {
		this.catalog.find("3");
		assertThat(redis.command("EXISTS", redisKey("3"))).isEqualTo("1");
		this.catalog.remove("3");
		assertThat(this.products.localTier().get("3")).isNull();
		assertThat(redis.command("EXISTS", redisKey("3"))).isEqualTo("0");
		this.catalog.find("3");
		assertThat(this.catalog.lookups()).isEqualTo(2);
	}

	@Test
	void cachePutUpdatesBothTiers() {
		this.catalog.find("4");
		assertThat(this.catalog.rename("4", "Renamed")).isEqualTo("Renamed");
		assertThat(this.products.localTier().get("4").get()).isEqualTo("Renamed");
		RemoteEntry inRedis = this.products.remoteTier().get("4");
		assertThat(inRedis).isNotNull();
		assertThat(inRedis.value()).isEqualTo("Renamed");
		assertThat(this.catalog.find("4")).isEqualTo("Renamed");
		assertThat(this.catalog.lookups()).isEqualTo(1);
	}

	@Test
	void asyncMethodResultIsCached() {
		assertThat(this.catalog.findAsync("5").join()).isEqualTo("product-5");
		assertThat(this.catalog.findAsync("5").join()).isEqualTo("product-5");
		assertThat(this.catalog.lookups()).isEqualTo(1);
		RemoteEntry inRedis = this.products.remoteTier().get("5");
		assertThat(inRedis).isNotNull();
		assertThat(inRedis.value()).isEqualTo("product-5");
	}

	@Test
	void asyncMethodResultIsReadFromL2AfterL1LostIt() {
		this.catalog.findAsync("6").join();
		this.products.localTier().clear();
		assertThat(this.catalog.findAsync("6").join()).isEqualTo("product-6");
		assertThat(this.catalog.lookups()).isEqualTo(1);
	}

	@Test
	void synchronizedCacheableRunsTheMethodOnceAndWritesBothTiers() {
		assertThat(this.catalog.findSynchronized("7")).isEqualTo("product-7");
		assertThat(this.catalog.findSynchronized("7")).isEqualTo("product-7");
		assertThat(this.catalog.lookups()).isEqualTo(1);
		this.products.localTier().clear();
		assertThat(this.catalog.findSynchronized("7")).isEqualTo("product-7");
		assertThat(this.catalog.lookups()).isEqualTo(1);
	}

	@Test
	void synchronizedAsyncMethodResultIsCached() {
		assertThat(this.catalog.findAsyncSynchronized("8").join()).isEqualTo("product-8");
		assertThat(this.catalog.findAsyncSynchronized("8").join()).isEqualTo("product-8");
		assertThat(this.catalog.lookups()).isEqualTo(1);
		assertThat(this.products.remoteTier().get("8")).isNotNull();
	}

	@Test
	void nullResultIsCachedInBothTiers(RedisServer redis) {
		assertThat(this.catalog.findDiscontinued("9")).isNull();
		assertThat(redis.command("EXISTS", redisKey("9"))).isEqualTo("1");
		this.products.localTier().clear();
		assertThat(this.catalog.findDiscontinued("9")).isNull();
		assertThat(this.catalog.lookups()).isEqualTo(1);
	}

	private TieredCacheStats stats() {
		return this.products.statistics().snapshot();
	}

	private static String redisKey(String id) {
		return KEY_PREFIX + ":products:" + id;
	}

	private static long redisTtlMillis(RedisServer redis, String id) {
		return Long.parseLong(redis.command("PTTL", redisKey(id)));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
	@EnableCaching
	static class CatalogApplication {

		@Bean
		ProductCatalog productCatalog() {
			return new ProductCatalog();
		}

	}

}
