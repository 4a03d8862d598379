package io.github.tieredcache.cache.resilience;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the caches of one manager know about their shared tier (Redis) at one moment, for
 * health indicators and metrics. An immutable snapshot; take a new one with
 * {@link RemoteTierGuard#status()}.
 *
 * @param state whether caches use Redis now
 * @param since when the circuit breaker last changed state (or the guard was created)
 * @param lastFailure the last Redis failure, as {@code ExceptionClass: message}, or
 * {@code null} if there was none
 * @param lastFailureAt when the last failure happened, or {@code null}
 * @param failures Redis calls that failed or timed out
 * @param shortCircuitedCalls calls that did not try Redis because the breaker was open or
 * a cache still had invalidations to replay; not failures
 * @param pendingInvalidations invalidations waiting to be replayed, over all caches (a
 * whole-cache clear counts as one)
 * @param replayedInvalidations invalidations replayed since start-up
 */
public record L2Status(State state, Instant since, @Nullable String lastFailure, @Nullable Instant lastFailureAt,
		long failures, long shortCircuitedCalls, int pendingInvalidations, long replayedInvalidations) {

	/**
	 * Whether caches use the shared tier.
	 */
	public enum State {

		/**
		 * Redis answers; caches use it.
		 */
		UP,

		/**
		 * Redis is being tried again (circuit breaker half-open) or invalidations lost
		 * during an outage are being replayed; caches with nothing to replay use it.
		 */
		RECOVERING,

		/**
		 * Redis failed too often (circuit breaker open): caches answer from L1 and their
		 * loaders without trying it until the next probe.
		 */
		DOWN

	}

}
