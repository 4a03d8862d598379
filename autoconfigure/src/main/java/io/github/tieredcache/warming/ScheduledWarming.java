package io.github.tieredcache.warming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the warmers that have an interval or a cron expression, once per slot of their
 * schedule across all instances: every instance wakes up in each slot, after a random
 * delay of up to {@code jitter} of the slot's length (so instances and warmers do not all
 * hit the database at the same instant), and the first to claim the slot through the
 * {@link WarmingLock} runs it; the others skip it and read the result from Redis.
 *
 * <p>
 * Scheduling starts with the application context and stops with it. A slot that comes
 * while the previous run is still going is skipped.
 */
public final class ScheduledWarming implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ScheduledWarming.class);

	/**
	 * Default largest random delay into a slot, as a fraction of its length.
	 */
	public static final double DEFAULT_JITTER = 0.1;

	private final CacheWarming warming;

	private final WarmingLock lock;

	private final Clock clock;

	private final double jitter;

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Creates scheduled warming.
	 * @param warming the warmers
	 * @param lock decides which instance runs a slot
	 * @param clock the wall clock slots are computed from
	 * @param jitter the largest random delay into a slot, as a fraction of its length (0
	 * to 1)
	 */
	public ScheduledWarming(CacheWarming warming, WarmingLock lock, Clock clock, double jitter) {
		Assert.isTrue(jitter >= 0 && jitter <= 1, () -> "jitter must be between 0 and 1 but was " + jitter);
		this.warming = warming;
		this.lock = lock;
		this.clock = clock;
		this.jitter = jitter;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(CacheThreads.numbered("tiered-cache-warming-scheduler-"));
		this.scheduler = executor;
		for (WarmerState state : this.warming.warmers()) {
			if (state.policy().scheduled()) {
				scheduleAfter(state, this.clock.instant());
			}
		}
	}

	private void scheduleAfter(WarmerState state, Instant after) {
		ScheduledExecutorService executor = this.scheduler;
		WarmingSlot slot = WarmingSlot.after(state.policy(), after, this.clock.getZone());
		if (executor == null || executor.isShutdown() || slot == null) {
			return;
		}
		long spread = (long) (slot.length().toMillis() * this.jitter);
		long offset = (spread > 0) ? ThreadLocalRandom.current().nextLong(spread) : 0;
		long delay = Math.max(0, slot.start().toEpochMilli() + offset - this.clock.millis());
		executor.schedule(() -> fire(state, slot), delay, TimeUnit.MILLISECONDS);
	}

	private void fire(WarmerState state, WarmingSlot slot) {
		try {
			if (state.busy()) {
				// Still running here (a start-up or earlier run): leave the slot to an
				// instance that can run it
				state.skipped();
			}
			else if (this.lock.tryAcquire(state.name(), slot.start().toEpochMilli(), slot.length())) {
				this.warming.warm(state.name()).whenComplete((done, failure) -> scheduleAfter(state, latest(slot)));
				return;
			}
			else {
				state.skipped();
				if (logger.isDebugEnabled()) {
					logger.debug("Warmer '" + state.name() + "' runs on another instance in the slot starting at "
							+ slot.start());
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not run warmer '" + state.name() + "' on schedule", ex);
		}
		scheduleAfter(state, latest(slot));
	}

	/**
	 * The next slot is the one after this slot or, when a run outlived it, after now.
	 */
	private Instant latest(WarmingSlot slot) {
		Instant now = this.clock.instant();
		return now.isAfter(slot.start()) ? now : slot.start();
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Starts after, and stops before, lifecycle beans of the default phase such as the
	 * invalidation bus.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
