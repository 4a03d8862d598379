package io.github.tieredcache.benchmarks.writes;

import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheWriteAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The application the write comparison runs in: the tiered cache's core, annotation and
 * write auto-configurations, Spring's transactions over a HikariCP pool of a PostgreSQL
 * database (wrapped in a {@link CountingDataSource}), its own Lettuce connection factory,
 * and the {@link ExploitViewWrites}. Caches are configured as the sample's: 30 minutes in
 * Redis, 1 minute in L1; the write-behind caches with a delay of 1 s (the library's
 * default) and 5 s (the sample's {@code exploit-views}).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class,
		TieredCacheWriteAutoConfiguration.class })
@EnableCaching
@EnableTransactionManagement
class ViewWritesApplication {

	private static final String REDIS_URL = "bench.redis-url";

	private static final String DATABASE_URL = "bench.database.url";

	private static final String DATABASE_USER = "bench.database.user";

	private static final String DATABASE_PASSWORD = "bench.database.password";

	/**
	 * Starts the application.
	 * @param redisUrl the Redis server
	 * @param database the database
	 * @param keyPrefix the cache key prefix, one per run
	 * @return the running context, closed by the caller
	 */
	static ConfigurableApplicationContext start(String redisUrl, FreshDatabase database, String keyPrefix) {
		return new SpringApplicationBuilder(ViewWritesApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(Map.ofEntries(Map.entry(REDIS_URL, redisUrl), Map.entry(DATABASE_URL, database.url()),
					Map.entry(DATABASE_USER, database.user()), Map.entry(DATABASE_PASSWORD, database.password()),
					Map.entry("tiered-cache.key-prefix", keyPrefix), Map.entry("tiered-cache.defaults.ttl", "30m"),
					Map.entry("tiered-cache.defaults.l1.ttl", "1m"),
					Map.entry("tiered-cache.caches." + ExploitViewWrites.BEHIND_DEFAULT_DELAY_CACHE
							+ ".write-behind.delay", "1s"),
					Map.entry("tiered-cache.caches." + ExploitViewWrites.BEHIND_SAMPLE_DELAY_CACHE
							+ ".write-behind.delay", "5s"),
					Map.entry("spring.main.banner-mode", "off")))
			.run();
	}

	@Bean
	LettuceConnectionFactory redisConnectionFactory(Environment environment) {
		return new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(environment.getRequiredProperty(REDIS_URL)));
	}

	@Bean
	CountingDataSource dataSource(Environment environment) {
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(environment.getRequiredProperty(DATABASE_URL));
		pool.setUsername(environment.getRequiredProperty(DATABASE_USER));
		pool.setPassword(environment.getRequiredProperty(DATABASE_PASSWORD));
		pool.setMaximumPoolSize(16);
		pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
		return new CountingDataSource(new HikariDataSource(pool));
	}

	@Bean
	DataSourceTransactionManager transactionManager(CountingDataSource dataSource) {
		return new DataSourceTransactionManager(dataSource);
	}

	@Bean
	JdbcTemplate jdbcTemplate(CountingDataSource dataSource) {
		return new JdbcTemplate(dataSource);
	}

	@Bean
	ExploitViewWrites exploitViewWrites(JdbcTemplate jdbcTemplate) {
		return new ExploitViewWrites(jdbcTemplate);
	}

}
