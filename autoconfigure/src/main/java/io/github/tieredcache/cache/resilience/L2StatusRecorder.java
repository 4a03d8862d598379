package io.github.tieredcache.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the guarded tiers' calls and the breaker's transitions say about Redis: asks the
 * breaker whether a call may try Redis, records each call's outcome with it, counts
 * failures, short-circuited calls and replayed invalidations, logs when Redis goes down
 * and comes back, and makes an {@link L2Status} of it all.
 *
 * <p>
 * Thread-safe; the values of a status are each current but not read together atomically.
 */
final class L2StatusRecorder {

	// Logs under the public type, so logging configuration written for it still applies
	private static final Log logger = LogFactory.getLog(RemoteTierGuard.class);

	private final CircuitBreaker circuitBreaker;

	private final Clock clock;

	private final Duration waitDuration;

	private final LongAdder failures = new LongAdder();

	private final LongAdder shortCircuited = new LongAdder();

	private final LongAdder replayedInvalidations = new LongAdder();

	private volatile @Nullable Failure lastFailure;

	private volatile boolean lastCallFailed;

	private volatile Instant since;

	private volatile Instant downSince;

	L2StatusRecorder(CircuitBreaker circuitBreaker, Clock clock, Duration waitDuration) {
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.waitDuration = waitDuration;
		this.since = this.clock.instant();
		this.downSince = this.since;
		this.circuitBreaker.getEventPublisher().onStateTransition((event) -> transitioned(event.getStateTransition()));
	}

	/**
	 * Returns a snapshot of what the caches know about Redis.
	 * @param pending the invalidations all caches still have to replay
	 * @return the status
	 */
	L2Status status(int pending) {
		Failure failure = this.lastFailure;
		return new L2Status(state(pending), this.since, (failure != null) ? failure.description() : null,
				(failure != null) ? failure.at() : null, this.failures.sum(), this.shortCircuited.sum(), pending,
				this.replayedInvalidations.sum());
	}

	boolean tryAcquirePermission(boolean countShortCircuit) {
		if (this.circuitBreaker.tryAcquirePermission()) {
			return true;
		}
		if (countShortCircuit) {
			this.shortCircuited.increment();
		}
		return false;
	}

	void recordShortCircuit() {
		this.shortCircuited.increment();
	}

	void onSuccess(long nanos) {
		this.lastCallFailed = false;
		this.circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
	}

	void onError(long nanos, RuntimeException ex) {
		this.failures.increment();
		this.lastCallFailed = true;
		this.lastFailure = new Failure(ex.getClass().getName() + ": " + ex.getMessage(), this.clock.instant());
		this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, ex);
	}

	void replayed(String cacheName, PendingInvalidations.Batch batch) {
		this.replayedInvalidations.add(batch.size());
		logger.info("Replayed on Redis " + (batch.all() ? "a clear" : batch.size() + " invalidation(s)") + " of cache '"
				+ cacheName + "' that could not reach it earlier");
	}

	private L2Status.State state(int pending) {
		return switch (this.circuitBreaker.getState()) {
			case OPEN, FORCED_OPEN -> L2Status.State.DOWN;
			case HALF_OPEN -> L2Status.State.RECOVERING;
			case DISABLED, METRICS_ONLY -> this.lastCallFailed ? L2Status.State.DOWN : L2Status.State.UP;
			case CLOSED -> (pending > 0) ? L2Status.State.RECOVERING : L2Status.State.UP;
		};
	}

	private void transitioned(CircuitBreaker.StateTransition transition) {
		this.since = this.clock.instant();
		switch (transition.getToState()) {
			case OPEN -> {
				if (transition.getFromState() == CircuitBreaker.State.CLOSED) {
					this.downSince = this.since;
					CircuitBreaker.Metrics metrics = this.circuitBreaker.getMetrics();
					Failure failure = this.lastFailure;
					logger.warn("Redis is failing (" + metrics.getFailureRate() + "% failed, "
							+ metrics.getSlowCallRate() + "% slow): caches answer from L1 and their loaders without "
							+ "calling Redis, and try it again in " + this.waitDuration.toMillis()
							+ " ms. Last failure: " + ((failure != null) ? failure.description() : "none"));
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("Redis still failing; trying again in " + this.waitDuration.toMillis() + " ms");
				}
			}
			case CLOSED -> {
				if (transition.getFromState() == CircuitBreaker.State.HALF_OPEN) {
					logger.info("Redis answers again; caches use it again after "
							+ Duration.between(this.downSince, this.since).toMillis() + " ms without it");
				}
			}
			default -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Redis circuit breaker: " + transition);
				}
			}
		}
	}

	private record Failure(String description, Instant at) {
	}

}
