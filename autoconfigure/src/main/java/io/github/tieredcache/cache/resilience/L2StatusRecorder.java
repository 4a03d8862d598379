package io.github.tieredcache.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.tieredcache.cache.RedisOutages;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the guarded tiers' calls and the breaker's transitions say about Redis: asks the
 * breaker whether a call may try Redis, records each call's outcome with it, counts
 * failures, short-circuited calls and replayed invalidations, logs an outage (a warning
 * when the breaker opens, a reminder at most every {@link #REMINDER_INTERVAL} while it
 * stays open, a warning when it closes again) and makes an {@link L2Status} of it all.
 *
 * <p>
 * Thread-safe; the values of a status are each current but not read together atomically.
 */
final class L2StatusRecorder {

	// Logs under the public type, so logging configuration written for it still applies
	private static final Log logger = LogFactory.getLog(RemoteTierGuard.class);

	/** Least time between two warnings about the same outage. */
	static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

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

	/** Whether an outage was logged and its end not yet. */
	private volatile boolean outage;

	private volatile Instant lastWarning;

	L2StatusRecorder(CircuitBreaker circuitBreaker, Clock clock, Duration waitDuration) {
		this.circuitBreaker = circuitBreaker;
		this.clock = clock;
		this.waitDuration = waitDuration;
		this.since = this.clock.instant();
		this.downSince = this.since;
		this.lastWarning = this.since;
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

	/**
	 * Forgets an outage that is still logged as lasting, when the guard closes.
	 */
	void close() {
		RedisOutages.ended(this);
	}

	private void transitioned(CircuitBreaker.StateTransition transition) {
		this.since = this.clock.instant();
		CircuitBreaker.State to = transition.getToState();
		if ((to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) && !this.outage) {
			started(transition);
		}
		else if (to == CircuitBreaker.State.OPEN && transition.getFromState() == CircuitBreaker.State.HALF_OPEN) {
			stillFailing();
		}
		else if (to == CircuitBreaker.State.CLOSED && this.outage) {
			ended();
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Redis circuit breaker: " + transition);
		}
	}

	private void started(CircuitBreaker.StateTransition transition) {
		this.outage = true;
		this.downSince = this.since;
		this.lastWarning = this.since;
		RedisOutages.started(this);
		if (transition.getToState() == CircuitBreaker.State.FORCED_OPEN) {
			logger.warn("The Redis circuit breaker was forced open: caches answer from L1 and their loaders "
					+ "without calling Redis until it is closed again");
			return;
		}
		CircuitBreaker.Metrics metrics = this.circuitBreaker.getMetrics();
		String rates = (metrics.getFailureRate() < 0) ? ""
				: " (" + metrics.getFailureRate() + "% failed, " + metrics.getSlowCallRate() + "% slow)";
		logger.warn("Redis is failing" + rates
				+ ": caches answer from L1 and their loaders without calling Redis, and try it again in "
				+ this.waitDuration.toMillis() + " ms. Last failure: " + lastFailureDescription()
				+ ". Until Redis answers again this is repeated at most every " + REMINDER_INTERVAL.toSeconds() + " s");
	}

	private void stillFailing() {
		if (Duration.between(this.lastWarning, this.since).compareTo(REMINDER_INTERVAL) < 0) {
			if (logger.isDebugEnabled()) {
				logger.debug("Redis still failing; trying again in " + this.waitDuration.toMillis() + " ms");
			}
			return;
		}
		this.lastWarning = this.since;
		logger.warn("Redis is still failing, for " + Duration.between(this.downSince, this.since).toSeconds()
				+ " s now: caches answer from L1 and their loaders (" + this.shortCircuited.sum()
				+ " calls without Redis so far). Last failure: " + lastFailureDescription());
	}

	private void ended() {
		this.outage = false;
		RedisOutages.ended(this);
		logger.warn("Redis answers again: caches use it again after "
				+ Duration.between(this.downSince, this.since).toMillis() + " ms without it");
	}

	private String lastFailureDescription() {
		Failure failure = this.lastFailure;
		return (failure != null) ? failure.description() : "none";
	}

	private record Failure(String description, Instant at) {
	}

}
