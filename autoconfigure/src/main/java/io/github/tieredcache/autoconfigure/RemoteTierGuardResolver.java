package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;

/**
 * Checks {@code tiered-cache.redis.*} resilience settings and turns them into a
 * {@link RemoteTierGuard}, so that a value Resilience4j would reject stops start-up with
 * the property's name rather than a bare {@link IllegalArgumentException}, and a
 * Resilience4j too old for the guard stops it naming the version found (see
 * {@link Resilience4jVersion}).
 */
final class RemoteTierGuardResolver {

	private static final String PREFIX = "tiered-cache.redis.circuit-breaker.";

	private final TieredCacheProperties.Redis redis;

	RemoteTierGuardResolver(TieredCacheProperties.Redis redis) {
		this.redis = redis;
	}

	/**
	 * Returns the Redis command timeout after checking it.
	 * @return the timeout
	 */
	Duration timeout() {
		Duration timeout = this.redis.getTimeout();
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidTieredCachePropertyException("tiered-cache.redis.timeout", timeout,
					"a Redis call needs some time to answer",
					"Set tiered-cache.redis.timeout to a positive duration such as 250ms.");
		}
		return timeout;
	}

	RemoteTierGuard guard() {
		Resilience4jVersion.requireSupported();
		TieredCacheProperties.Redis.CircuitBreaker breaker = this.redis.getCircuitBreaker();
		if (this.redis.getMaxPendingInvalidations() < 0) {
			throw new InvalidTieredCachePropertyException("tiered-cache.redis.max-pending-invalidations",
					this.redis.getMaxPendingInvalidations(),
					"the number of remembered invalidations cannot be negative",
					"Set tiered-cache.redis.max-pending-invalidations to 0 (clear the cache instead) or more, "
							+ "such as 1000.");
		}
		percent("failure-rate-threshold", breaker.getFailureRateThreshold());
		percent("slow-call-rate-threshold", breaker.getSlowCallRateThreshold());
		positive("slow-call-duration-threshold", breaker.getSlowCallDurationThreshold(), "200ms");
		positive("wait-duration-in-open-state", breaker.getWaitDurationInOpenState(), "5s");
		atLeastOne("sliding-window-size", breaker.getSlidingWindowSize(), "20");
		atLeastOne("minimum-number-of-calls", breaker.getMinimumNumberOfCalls(), "10");
		atLeastOne("permitted-calls-in-half-open-state", breaker.getPermittedCallsInHalfOpenState(), "3");
		return RemoteTierGuard.builder()
			.enabled(breaker.isEnabled())
			.failureRateThreshold(breaker.getFailureRateThreshold())
			.slowCalls(breaker.getSlowCallDurationThreshold(), breaker.getSlowCallRateThreshold())
			.slidingWindow(breaker.getSlidingWindowType(), breaker.getSlidingWindowSize(),
					breaker.getMinimumNumberOfCalls())
			.waitDurationInOpenState(breaker.getWaitDurationInOpenState())
			.permittedCallsInHalfOpenState(breaker.getPermittedCallsInHalfOpenState())
			.maxPendingInvalidations(this.redis.getMaxPendingInvalidations())
			.build();
	}

	private static void percent(String name, float value) {
		if (!(value > 0 && value <= 100)) {
			throw new InvalidTieredCachePropertyException(PREFIX + name, value, "a rate is a percentage above 0",
					"Set " + PREFIX + name + " to a value above 0 and at most 100, such as 50.");
		}
	}

	private static void positive(String name, Duration value, String example) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidTieredCachePropertyException(PREFIX + name, value, "the duration must be positive",
					"Set " + PREFIX + name + " to a positive duration such as " + example + ".");
		}
	}

	private static void atLeastOne(String name, int value, String example) {
		if (value < 1) {
			throw new InvalidTieredCachePropertyException(PREFIX + name, value, "at least one call is needed",
					"Set " + PREFIX + name + " to 1 or more, such as " + example + ".");
		}
	}

}
