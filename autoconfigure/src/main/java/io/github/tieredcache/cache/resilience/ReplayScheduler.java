package io.github.tieredcache.cache.resilience;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheThreads;

/**
 * The guard's one daemon thread, on which every cache replays the invalidations that
 * could not reach Redis, retrying every {@link #retryInterval()} until Redis takes them.
 * Thread-safe; once {@link #close() closed}, scheduled replays are dropped.
 */
final class ReplayScheduler implements AutoCloseable {

	private final ScheduledThreadPoolExecutor replays;

	private final Duration retryInterval;

	ReplayScheduler(Duration waitDuration) {
		// Probe for a replay at least every second, so that it runs soon after the
		// breaker lets calls through again
		this.retryInterval = (waitDuration.compareTo(Duration.ofSeconds(1)) < 0) ? waitDuration : Duration.ofSeconds(1);
		this.replays = new ScheduledThreadPoolExecutor(1, CacheThreads.numbered("tiered-cache-l2-replay-"));
		this.replays.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Returns how long a replay waits before trying again when Redis may not be called or
	 * failed.
	 * @return the interval, at most a second
	 */
	Duration retryInterval() {
		return this.retryInterval;
	}

	/**
	 * Runs a replay on the replay thread after a delay; does nothing once closed.
	 * @param task the replay
	 * @param delay how long to wait first
	 */
	void schedule(Runnable task, Duration delay) {
		try {
			this.replays.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the application is stopping
		}
	}

	/**
	 * Stops the replay thread; invalidations still waiting are dropped.
	 */
	@Override
	public void close() {
		this.replays.shutdownNow();
	}

}
