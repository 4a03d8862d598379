package io.github.tieredcache.compatibility.virtualthreads;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * An application on virtual threads ({@code spring.threads.virtual.enabled=true}: Spring
 * Boot's {@code applicationTaskExecutor} starts a virtual thread per task) whose
 * {@link PriceBook} caches with {@code @Cached}. Each instance gets the shared
 * {@link PriceDatabase} from whoever starts it. The classpath has JPA for
 * {@code HibernateJCacheTests}; this application leaves it off.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@Import(PriceBook.class)
class PriceApplication {

	/**
	 * Starts an instance.
	 * @param database the database all instances share
	 * @param redisUrl the Redis all instances share
	 * @param keyPrefix the key prefix, the same for instances that share entries
	 * @return the running instance
	 */
	static ConfigurableApplicationContext start(PriceDatabase database, String redisUrl, String keyPrefix) {
		List<String> properties = new ArrayList<>(List.of("spring.threads.virtual.enabled=true",
				"spring.data.redis.url=" + redisUrl, "tiered-cache.key-prefix=" + keyPrefix,
				"tiered-cache.caches.prices.single-flight=cluster", "spring.main.banner-mode=off"));
		return new SpringApplicationBuilder(PriceApplication.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("priceDatabase", database))
			.properties(properties.toArray(String[]::new))
			.run();
	}

}
