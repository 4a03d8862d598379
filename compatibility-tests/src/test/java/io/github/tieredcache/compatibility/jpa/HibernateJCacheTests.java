package io.github.tieredcache.compatibility.jpa;

import java.util.UUID;
import java.util.function.Function;

import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the tiered cache and a Hibernate second-level cache on JCache
 * (Caffeine's provider, H2): it starts, keeps Spring Boot's
 * {@code javax.cache.CacheManager} bean for Hibernate, and an entity loaded twice comes
 * from the database once and from the second-level cache the second time.
 */
@RealRedis
class HibernateJCacheTests {

	@Test
	void secondLevelCacheServesTheSecondLoadBesideTheTieredCache(RedisServer redis) {
		try (ConfigurableApplicationContext context = start(redis)) {
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(TieredCacheManager.class);
			javax.cache.CacheManager jCache = context.getBean(javax.cache.CacheManager.class);
			EntityManagerFactory entityManagers = context.getBean(EntityManagerFactory.class);
			SessionFactory sessions = entityManagers.unwrap(SessionFactory.class);
			Long id = inTransaction(entityManagers, (entityManager) -> {
				Book book = new Book("The Cache Book");
				entityManager.persist(book);
				return book.getId();
			});
			sessions.getCache().evictAllRegions();
			Statistics statistics = sessions.getStatistics();
			statistics.clear();

			assertThat(title(entityManagers, id)).isEqualTo("The Cache Book");
			assertThat(statistics.getSecondLevelCacheMissCount()).isEqualTo(1);
			assertThat(statistics.getEntityLoadCount()).isEqualTo(1);

			assertThat(title(entityManagers, id)).isEqualTo("The Cache Book");
			assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(1);
			assertThat(statistics.getEntityLoadCount()).as("loads from the database").isEqualTo(1);
			assertThat(jCache.getCacheNames()).as("regions in the application's JCache").contains(Book.class.getName());
		}
	}

	@Test
	void springCachesAreTieredBesideTheSecondLevelCache(RedisServer redis) {
		try (ConfigurableApplicationContext context = start(redis)) {
			LibraryApplication.Catalog catalog = context.getBean(LibraryApplication.Catalog.class);
			assertThat(catalog.title(9780134685991L)).isEqualTo(catalog.title(9780134685991L));
			assertThat(catalog.lookups()).isEqualTo(1);
			assertThat(context.getBean(TieredCacheManager.class).getCache("titles").get(9780134685991L)).isNotNull();
			assertThat(context.getBean(javax.cache.CacheManager.class).getCacheNames()).doesNotContain("titles");
		}
	}

	private static ConfigurableApplicationContext start(RedisServer redis) {
		String name = "library-" + UUID.randomUUID().toString().substring(0, 8);
		return new SpringApplicationBuilder(LibraryApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=" + name, "spring.datasource.url=jdbc:h2:mem:" + name,
					"spring.jpa.properties.hibernate.cache.use_second_level_cache=true",
					"spring.jpa.properties.hibernate.cache.region.factory_class=jcache",
					"spring.jpa.properties.hibernate.javax.cache.missing_cache_strategy=create",
					"spring.jpa.properties.hibernate.generate_statistics=true")
			.run();
	}

	private static String title(EntityManagerFactory entityManagers, Long id) {
		return inTransaction(entityManagers, (entityManager) -> entityManager.find(Book.class, id).getTitle());
	}

	private static <T> T inTransaction(EntityManagerFactory entityManagers, Function<EntityManager, T> work) {
		try (EntityManager entityManager = entityManagers.createEntityManager()) {
			entityManager.getTransaction().begin();
			T result = work.apply(entityManager);
			entityManager.getTransaction().commit();
			return result;
		}
	}

}
