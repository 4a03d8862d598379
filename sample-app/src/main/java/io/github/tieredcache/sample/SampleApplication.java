package io.github.tieredcache.sample;

import java.time.Clock;

import io.github.tieredcache.sample.redis.LocalRedisSetup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * An exploit-intelligence REST API whose slow database queries are cached in two tiers:
 * Caffeine in the JVM and Redis.
 * <p>
 * {@code @EnableCaching} is only needed for Spring's own {@code @Cacheable}; the tiered
 * cache's {@code @Cached} works without it.
 */
@SpringBootApplication
@EnableCaching
@ConfigurationPropertiesScan
public class SampleApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// Finds a Redis (or starts one) before the context needs it; see LocalRedisSetup.
		application.addListeners(new LocalRedisSetup());
		application.run(args);
	}

}
