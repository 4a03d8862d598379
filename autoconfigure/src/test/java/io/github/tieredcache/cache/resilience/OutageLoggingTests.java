package io.github.tieredcache.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.tieredcache.cache.RedisOutages;
import io.github.tieredcache.cache.ThrottledLogger;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guard logs about an outage, its breaker driven by hand and its time by a
 * clock: a warning when it starts, a reminder at most once a minute, a warning when it
 * ends; and that other components' warnings about failed Redis calls wait while it lasts.
 * {@code RedisOutageLoggingTests} shows the same on a real outage.
 */
class OutageLoggingTests {

	private final MovingClock clock = new MovingClock();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private RemoteTierGuard guard;

	@BeforeEach
	void capture() {
		this.appender.start();
		logger(RemoteTierGuard.class).addAppender(this.appender);
		logger(OutageLoggingTests.class).addAppender(this.appender);
		this.guard = RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofSeconds(5)).clock(this.clock).build();
	}

	@AfterEach
	void release() {
		this.guard.close();
		logger(RemoteTierGuard.class).detachAppender(this.appender);
		logger(OutageLoggingTests.class).detachAppender(this.appender);
	}

	@Test
	void anOutageLogsOneWarningWhenItStartsARemindEveryMinuteAndOneWhenItEnds() {
		CircuitBreaker breaker = this.guard.circuitBreaker();
		breaker.transitionToOpenState();
		assertThat(warnings()).singleElement().asString().startsWith("Redis is failing");
		for (int probe = 1; probe <= 36; probe++) {
			// Three minutes of failing probes, one every five seconds
			this.clock.advance(Duration.ofSeconds(5));
			breaker.transitionToHalfOpenState();
			breaker.transitionToOpenState();
		}
		assertThat(warnings()).hasSize(4);
		assertThat(warnings().subList(1, 4))
			.allSatisfy((line) -> assertThat(line).startsWith("Redis is still failing"));
		assertThat(warnings().get(1)).contains("for 60 s now");
		assertThat(warnings().get(3)).contains("for 180 s now");
		this.clock.advance(Duration.ofSeconds(5));
		breaker.transitionToHalfOpenState();
		breaker.transitionToClosedState();
		assertThat(warnings()).hasSize(5);
		assertThat(warnings().get(4)).startsWith("Redis answers again").contains("after 185000 ms without it");
	}

	@Test
	void otherWarningsAboutFailedRedisCallsWaitWhileADeclaredOutageLasts() {
		ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(OutageLoggingTests.class), Duration.ZERO);
		failures.warnRedisFailure("Redis get failed before the outage", null);
		this.guard.circuitBreaker().transitionToOpenState();
		assertThat(RedisOutages.declared()).isTrue();
		failures.warnRedisFailure("Redis get failed during the outage", null);
		failures.warn("Another kind of warning during the outage", null);
		this.guard.circuitBreaker().transitionToHalfOpenState();
		this.guard.circuitBreaker().transitionToClosedState();
		assertThat(RedisOutages.declared()).isFalse();
		failures.warnRedisFailure("Redis get failed after the outage", null);
		assertThat(warnings()).map((line) -> line.substring(0, 19))
			.containsExactly("Redis get failed be", "Redis is failing: c", "Another kind of war", "Redis answers again",
					"Redis get failed af");
	}

	@Test
	void closingTheGuardEndsItsDeclaredOutage() {
		this.guard.circuitBreaker().transitionToOpenState();
		assertThat(RedisOutages.declared()).isTrue();
		this.guard.close();
		assertThat(RedisOutages.declared()).isFalse();
	}

	@Test
	void aBreakerForcedOpenIsAnOutageToo() {
		this.guard.circuitBreaker().transitionToForcedOpenState();
		this.guard.circuitBreaker().transitionToClosedState();
		assertThat(warnings()).hasSize(2);
		assertThat(warnings().get(0)).contains("forced open");
		assertThat(warnings().get(1)).startsWith("Redis answers again");
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private static Logger logger(Class<?> type) {
		return (Logger) LoggerFactory.getLogger(type);
	}

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
