package io.github.tieredcache.write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An application instance with view counters on H2, a tiered cache {@code views} and a
 * clock the tests move.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
class ViewsApplication {

	static final MovingClock clock = new MovingClock();

	@Bean
	ViewCounters viewCounters(JdbcTemplate jdbc, @Value("${instance}") String instance) {
		jdbc.execute("create table if not exists views (id bigint primary key, views bigint)");
		return new ViewCounters(jdbc, instance);
	}

	@Bean
	Clock tieredCacheClock() {
		return clock;
	}

	/**
	 * A clock that moves only when told.
	 */
	static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

	}

}
