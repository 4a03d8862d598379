package io.github.tieredcache.write.packageprivate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.annotation.WriteBehind;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.write.WriteBehindQueues;
import io.github.tieredcache.write.WriteBehindStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @WriteBehind} on a package-private bean class in another package than the
 * library's, as Spring applications commonly declare their services: the queued write
 * runs through the bean's proxy like any other, rather than failing every attempt and
 * ending in the dead-letter stream.
 */
@RealRedis
class PackagePrivateBeanWriteBehindTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aQueuedWriteOfAPackagePrivateBeanRuns() {
		this.context = new SpringApplicationBuilder(ScoresApplication.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=jdbc:h2:mem:scores-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"--spring.data.redis.url=" + RedisServers.shared().url(),
					"--tiered-cache.key-prefix=wb-pp-" + UUID.randomUUID(),
					"--tiered-cache.caches.scores.write-behind.delay=0s", "--spring.main.banner-mode=off");
		Scores scores = this.context.getBean(Scores.class);
		WriteBehindQueues queues = this.context.getBean(WriteBehindQueues.class);

		scores.save(1, 42);

		await().atMost(Duration.ofSeconds(20)).until(() -> queues.stats("scores").pendingKeys() == 0);
		WriteBehindStats stats = queues.stats("scores");
		assertThat(stats.executed()).isEqualTo(1);
		assertThat(stats.retries()).isZero();
		assertThat(stats.deadLetters()).isZero();
		assertThat(scores.inDatabase(1)).containsExactly(42L);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(
			exclude = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	static class ScoresApplication {

		@Bean
		Scores scores(JdbcTemplate jdbc) {
			jdbc.execute("create table scores (id bigint primary key, score bigint)");
			return new Scores(jdbc);
		}

	}

	/**
	 * Package-private, as the library cannot call its methods by reflection without
	 * making them accessible.
	 */
	static class Scores {

		private final JdbcTemplate jdbc;

		Scores(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@WriteBehind(cache = "scores", key = "#id", value = "#score")
		@Transactional
		public void save(long id, long score) {
			this.jdbc.update("merge into scores (id, score) key (id) values (?, ?)", id, score);
		}

		List<Long> inDatabase(long id) {
			return this.jdbc.queryForList("select score from scores where id = ?", Long.class, id);
		}

	}

}
