package io.github.tieredcache.compatibility.jpa;

import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.CacheManager;

import org.hibernate.cache.jcache.ConfigSettings;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * An application whose Hibernate second-level cache lives in Spring Boot's JCache
 * {@link CacheManager}, handed to Hibernate by a {@link HibernatePropertiesCustomizer} as
 * Spring Boot's reference guide shows, and whose Spring caches are tiered.
 */
@SpringBootApplication
@EnableCaching
class LibraryApplication {

	@Bean
	HibernatePropertiesCustomizer secondLevelCacheOnJCache(CacheManager cacheManager) {
		return (properties) -> properties.put(ConfigSettings.CACHE_MANAGER, cacheManager);
	}

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	/**
	 * A Spring {@code @Cacheable} method, served by the tiered cache.
	 */
	static class Catalog {

		private final AtomicInteger lookups = new AtomicInteger();

		@Cacheable("titles")
		public String title(long isbn) {
			return "Title " + isbn + " (lookup " + this.lookups.incrementAndGet() + ")";
		}

		public int lookups() {
			return this.lookups.get();
		}

	}

}
