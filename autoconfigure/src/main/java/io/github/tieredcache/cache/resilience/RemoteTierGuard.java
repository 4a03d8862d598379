package io.github.tieredcache.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.tieredcache.cache.RemoteTierFactory;

import org.springframework.util.Assert;

/**
 * Guards the shared tier (Redis) of every cache of a manager: one Resilience4j
 * {@link CircuitBreaker} for all of them, since they share one Redis, and the replay of
 * invalidations that could not reach it. Wrap the manager's {@link RemoteTierFactory}
 * with {@link #guard(RemoteTierFactory)}.
 *
 * <p>
 * When Redis fails or is slow too often the breaker opens, and for
 * {@code waitDurationInOpenState} calls do not try Redis at all: caches answer from L1
 * and their loaders, quietly (one warning when the breaker opens, a reminder at most once
 * a minute while it stays open and one warning when it closes again, no error per call;
 * such calls are counted in {@link L2Status#shortCircuitedCalls()}). Then a few calls
 * probe Redis again. Evictions, clears and writes that did not reach Redis are remembered
 * per cache (at most {@code maxPendingInvalidations} keys or patterns, beyond which the
 * whole cache is cleared) and replayed on the guard's own thread as soon as the breaker
 * lets a call through; until then that cache does not use Redis, so it cannot read a
 * value it has already invalidated.
 *
 * <p>
 * Works with Resilience4j 2.2 and later: it calls only what every such version has, and
 * gives the breaker the {@link Builder#clock clock} only where Resilience4j takes one
 * (2.3 and later).
 *
 * <p>
 * Thread-safe. {@link #close()} stops the replay thread.
 */
public final class RemoteTierGuard implements AutoCloseable {

	private final CircuitBreaker circuitBreaker;

	private final L2StatusRecorder recorder;

	private final ReplayScheduler replays;

	private final int maxPendingInvalidations;

	private final Queue<GuardedRemoteTier> tiers = new ConcurrentLinkedQueue<>();

	private RemoteTierGuard(Builder builder) {
		BreakerSettings settings = new BreakerSettings(builder.config, builder.waitDuration, builder.enabled,
				builder.clock);
		this.circuitBreaker = settings.newCircuitBreaker();
		this.recorder = new L2StatusRecorder(this.circuitBreaker, settings.clock(), settings.waitDuration());
		this.replays = new ReplayScheduler(settings.waitDuration());
		this.maxPendingInvalidations = builder.maxPendingInvalidations;
	}

	/**
	 * Starts a builder with the defaults of {@code tiered-cache.redis.circuit-breaker.*}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a factory whose tiers go through this guard.
	 * @param factory the factory of the unguarded tiers
	 * @return the guarded factory
	 */
	public RemoteTierFactory guard(RemoteTierFactory factory) {
		Assert.notNull(factory, "factory must not be null");
		return (spec, statistics) -> {
			GuardedRemoteTier tier = new GuardedRemoteTier(spec.name(), factory.create(spec, statistics), this.recorder,
					this.replays, this.maxPendingInvalidations, statistics);
			this.tiers.add(tier);
			return tier;
		};
	}

	/**
	 * Returns a snapshot of what the caches know about Redis.
	 * @return the status
	 */
	public L2Status status() {
		int pending = 0;
		for (GuardedRemoteTier tier : this.tiers) {
			pending += tier.pendingInvalidations();
		}
		return this.recorder.status(pending);
	}

	/**
	 * Returns the circuit breaker, for example to bind Resilience4j's own metrics to it.
	 * Changing its state by hand is allowed (forcing it open takes every cache off
	 * Redis).
	 * @return the breaker
	 */
	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Stops the replay thread; invalidations still waiting are dropped.
	 */
	@Override
	public void close() {
		this.replays.close();
		this.recorder.close();
	}

	/**
	 * Default for whether the breaker may open: it may.
	 */
	public static final boolean DEFAULT_ENABLED = true;

	/**
	 * Default percentage of failed calls at or above which the breaker opens.
	 */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;

	/**
	 * Default percentage of slow calls at or above which the breaker opens.
	 */
	public static final float DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;

	/**
	 * Default duration above which a call counts as slow.
	 */
	public static final Duration DEFAULT_SLOW_CALL_DURATION_THRESHOLD = Duration.ofMillis(200);

	/**
	 * Default kind of sliding window: the last calls.
	 */
	public static final CircuitBreakerConfig.SlidingWindowType DEFAULT_SLIDING_WINDOW_TYPE = CircuitBreakerConfig.SlidingWindowType.COUNT_BASED;

	/**
	 * Default size of the sliding window, in calls (or seconds when time-based).
	 */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;

	/**
	 * Default number of calls needed in the window before rates count.
	 */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;

	/**
	 * Default time the breaker stays open before letting probe calls through.
	 */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(5);

	/**
	 * Default number of probe calls that decide whether the breaker closes again.
	 */
	public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 3;

	/**
	 * Default number of keys and patterns per cache remembered for replay.
	 */
	public static final int DEFAULT_MAX_PENDING_INVALIDATIONS = 1000;

	/**
	 * Builds a {@link RemoteTierGuard}; not thread-safe. Each setter checks its values,
	 * so a bad one fails at the call that set it, with the value in the message.
	 */
	public static final class Builder {

		private final CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
			.failureRateThreshold(DEFAULT_FAILURE_RATE_THRESHOLD)
			.slowCallRateThreshold(DEFAULT_SLOW_CALL_RATE_THRESHOLD)
			.slowCallDurationThreshold(DEFAULT_SLOW_CALL_DURATION_THRESHOLD)
			.slidingWindowType(DEFAULT_SLIDING_WINDOW_TYPE)
			.slidingWindowSize(DEFAULT_SLIDING_WINDOW_SIZE)
			.minimumNumberOfCalls(DEFAULT_MINIMUM_NUMBER_OF_CALLS)
			.permittedNumberOfCallsInHalfOpenState(DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE);

		private Duration waitDuration = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		private boolean enabled = DEFAULT_ENABLED;

		private int maxPendingInvalidations = DEFAULT_MAX_PENDING_INVALIDATIONS;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Sets whether the breaker may open. When {@code false}, every call tries Redis
		 * (each still bounded by the tier's timeout) and only the replay of lost
		 * invalidations remains.
		 * @param enabled whether the breaker is enabled
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Sets the percentage of failed calls, in (0, 100], at or above which the breaker
		 * opens.
		 * @param percent the threshold
		 * @return this builder
		 */
		public Builder failureRateThreshold(float percent) {
			requirePercent("failureRateThreshold", percent);
			this.config.failureRateThreshold(percent);
			return this;
		}

		/**
		 * Sets when a call counts as slow, and the percentage of slow calls, in (0, 100],
		 * at or above which the breaker opens.
		 * @param duration calls taking longer are slow
		 * @param percent the threshold
		 * @return this builder
		 */
		public Builder slowCalls(Duration duration, float percent) {
			requirePositive("slowCallDurationThreshold", duration);
			requirePercent("slowCallRateThreshold", percent);
			this.config.slowCallDurationThreshold(duration).slowCallRateThreshold(percent);
			return this;
		}

		/**
		 * Sets the window over which rates are computed. A count-based window needs at
		 * most its size in calls, whatever {@code minimumNumberOfCalls} says.
		 * @param type whether the window counts calls or seconds
		 * @param size its size, in calls or seconds
		 * @param minimumNumberOfCalls calls needed in the window before rates count
		 * @return this builder
		 */
		public Builder slidingWindow(CircuitBreakerConfig.SlidingWindowType type, int size, int minimumNumberOfCalls) {
			Assert.notNull(type, "type must not be null");
			requireAtLeastOne("slidingWindowSize", size);
			requireAtLeastOne("minimumNumberOfCalls", minimumNumberOfCalls);
			// One setter per setting: Resilience4j 2.3 has no slidingWindow(int, int,
			// type)
			this.config.slidingWindowType(type)
				.slidingWindowSize(size)
				.minimumNumberOfCalls((type == CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
						? Math.min(minimumNumberOfCalls, size) : minimumNumberOfCalls);
			return this;
		}

		/**
		 * Sets how long the breaker stays open before letting probe calls through.
		 * @param waitDuration the wait
		 * @return this builder
		 */
		public Builder waitDurationInOpenState(Duration waitDuration) {
			requirePositive("waitDurationInOpenState", waitDuration);
			this.waitDuration = waitDuration;
			return this;
		}

		/**
		 * Sets how many probe calls decide whether the breaker closes again.
		 * @param calls the number of calls
		 * @return this builder
		 */
		public Builder permittedCallsInHalfOpenState(int calls) {
			requireAtLeastOne("permittedCallsInHalfOpenState", calls);
			this.config.permittedNumberOfCallsInHalfOpenState(calls);
			return this;
		}

		/**
		 * Sets how many keys and patterns per cache are remembered for replay; beyond
		 * that the cache is cleared instead. {@code 0} clears the cache on every lost
		 * invalidation.
		 * @param maxPendingInvalidations the bound, at least 0
		 * @return this builder
		 */
		public Builder maxPendingInvalidations(int maxPendingInvalidations) {
			Assert.isTrue(maxPendingInvalidations >= 0,
					() -> "maxPendingInvalidations must not be negative but was " + maxPendingInvalidations);
			this.maxPendingInvalidations = maxPendingInvalidations;
			return this;
		}

		/**
		 * Sets the clock of the breaker's open-state wait and of the status times. On
		 * Resilience4j 2.2, whose breakers cannot take a clock, the open-state wait
		 * follows the system clock whatever is set here.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the guard and starts its replay thread.
		 * @return the guard
		 * @throws IllegalArgumentException if a breaker setting is out of range
		 */
		public RemoteTierGuard build() {
			return new RemoteTierGuard(this);
		}

		private static void requirePercent(String setting, float percent) {
			Assert.isTrue(percent > 0 && percent <= 100,
					() -> setting + " must be a percentage above 0 and at most 100 but was " + percent);
		}

		private static void requirePositive(String setting, Duration duration) {
			Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
					() -> setting + " must be positive but was " + duration);
		}

		private static void requireAtLeastOne(String setting, int calls) {
			Assert.isTrue(calls >= 1, () -> setting + " must be at least 1 but was " + calls);
		}

	}

}
