package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;

/**
 * Turns the {@code tiered-cache.redis.*} resilience settings into a
 * {@link RemoteTierGuard}, whose builder checks them; a value it rejects stops start-up
 * with the property's name rather than a bare {@link IllegalArgumentException}, and a
 * Resilience4j too old for the guard stops it naming the version found (see
 * {@link Resilience4jVersion}).
 */
final class RemoteTierGuardResolver {

	private static final String PREFIX = "tiered-cache.redis.circuit-breaker.";

	private static final String PERCENT = "a value above 0 and at most 100, such as 50";

	private final TieredCacheProperties.Redis redis;

	RemoteTierGuardResolver(TieredCacheProperties.Redis redis) {
		this.redis = redis;
	}

	RemoteTierGuard guard() {
		Resilience4jVersion.requireSupported();
		TieredCacheProperties.Redis.CircuitBreaker breaker = this.redis.getCircuitBreaker();
		RemoteTierGuard.Builder builder = RemoteTierGuard.builder().enabled(breaker.isEnabled());
		int maxPending = this.redis.getMaxPendingInvalidations();
		PropertyRules.apply("tiered-cache.redis.max-pending-invalidations", maxPending,
				"0 (clear the cache instead) or more, such as 1000", () -> builder.maxPendingInvalidations(maxPending));
		float failureRate = breaker.getFailureRateThreshold();
		PropertyRules.apply(PREFIX + "failure-rate-threshold", failureRate, PERCENT,
				() -> builder.failureRateThreshold(failureRate));
		Duration slowCall = breaker.getSlowCallDurationThreshold();
		float slowCallRate = breaker.getSlowCallRateThreshold();
		PropertyRules.apply(PREFIX + "slow-call-duration-threshold", slowCall, "a positive duration such as 200ms",
				() -> builder.slowCalls(slowCall, RemoteTierGuard.DEFAULT_SLOW_CALL_RATE_THRESHOLD));
		PropertyRules.apply(PREFIX + "slow-call-rate-threshold", slowCallRate, PERCENT,
				() -> builder.slowCalls(slowCall, slowCallRate));
		int windowSize = breaker.getSlidingWindowSize();
		int minimumCalls = breaker.getMinimumNumberOfCalls();
		PropertyRules.apply(PREFIX + "sliding-window-size", windowSize, "1 or more, such as 20",
				() -> builder.slidingWindow(breaker.getSlidingWindowType(), windowSize,
						RemoteTierGuard.DEFAULT_MINIMUM_NUMBER_OF_CALLS));
		PropertyRules.apply(PREFIX + "minimum-number-of-calls", minimumCalls, "1 or more, such as 10",
				() -> builder.slidingWindow(breaker.getSlidingWindowType(), windowSize, minimumCalls));
		Duration wait = breaker.getWaitDurationInOpenState();
		PropertyRules.apply(PREFIX + "wait-duration-in-open-state", wait, "a positive duration such as 5s",
				() -> builder.waitDurationInOpenState(wait));
		int halfOpenCalls = breaker.getPermittedCallsInHalfOpenState();
		PropertyRules.apply(PREFIX + "permitted-calls-in-half-open-state", halfOpenCalls, "1 or more, such as 3",
				() -> builder.permittedCallsInHalfOpenState(halfOpenCalls));
		return builder.build();
	}

}
