package io.github.tieredcache.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The smallest application with the tiered cache on Redis: the starter, Spring Boot's
 * auto-configuration and {@code @EnableCaching}. The classpath has JPA for
 * {@code HibernateJCacheTests}; this application leaves it off.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@EnableCaching
class CacheApplication {

	/**
	 * Starts the application on the given Redis.
	 * @param redisUrl the Redis URL
	 * @param keyPrefix the key prefix, shared by instances that should see each other's
	 * entries
	 * @param properties further properties, {@code name=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(String redisUrl, String keyPrefix, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.data.redis.url=" + redisUrl,
				"tiered-cache.key-prefix=" + keyPrefix, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(CacheApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	static String uniqueKeyPrefix() {
		return "compat-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
