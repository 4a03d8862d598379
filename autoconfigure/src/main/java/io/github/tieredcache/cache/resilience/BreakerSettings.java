package io.github.tieredcache.cache.resilience;

import java.time.Clock;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.util.ClassUtils;

/**
 * The settings a {@link RemoteTierGuard.Builder} collected for the breaker, and the one
 * Resilience4j {@link CircuitBreaker} made of them for all the caches of a manager.
 *
 * <p>
 * Works with Resilience4j 2.2 and later: it calls only what every such version has, and
 * gives the breaker the clock only where Resilience4j takes one (2.3 and later).
 */
final class BreakerSettings {

	/**
	 * Resilience4j 2.2 has no {@code CircuitBreakerConfig.Builder.clock(Clock)}: its
	 * breakers always wait on the system clock.
	 */
	private static final boolean BREAKER_TAKES_CLOCK = ClassUtils.hasMethod(CircuitBreakerConfig.Builder.class, "clock",
			Clock.class);

	private final CircuitBreakerConfig.Builder config;

	private final Duration waitDuration;

	private final boolean enabled;

	private final Clock clock;

	BreakerSettings(CircuitBreakerConfig.Builder config, Duration waitDuration, boolean enabled, Clock clock) {
		this.config = config;
		this.waitDuration = waitDuration;
		this.enabled = enabled;
		this.clock = clock;
	}

	/**
	 * Returns how long the breaker stays open before letting probe calls through.
	 * @return the wait
	 */
	Duration waitDuration() {
		return this.waitDuration;
	}

	/**
	 * Returns the clock of the breaker's open-state wait (from Resilience4j 2.3) and of
	 * the status times.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Makes the breaker; a disabled one never opens.
	 * @return a new breaker
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	CircuitBreaker newCircuitBreaker() {
		CircuitBreakerConfig.Builder config = this.config.waitDurationInOpenState(this.waitDuration);
		if (BREAKER_TAKES_CLOCK) {
			config.clock(this.clock);
		}
		CircuitBreaker circuitBreaker = CircuitBreaker.of("tiered-cache-redis", config.build());
		if (!this.enabled) {
			circuitBreaker.transitionToDisabledState();
		}
		return circuitBreaker;
	}

}
