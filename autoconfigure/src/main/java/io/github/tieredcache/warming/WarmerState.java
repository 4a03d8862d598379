package io.github.tieredcache.warming;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What one warmer is doing and has done: its current status, its last run and running
 * totals, as the actuator endpoint and the metrics show them. Thread-safe; the values of
 * the last run are each current but not read together atomically.
 */
public final class WarmerState {

	/**
	 * A warmer's status.
	 */
	public enum Status {

		/**
		 * Has not run yet.
		 */
		IDLE,

		/**
		 * Running now.
		 */
		RUNNING,

		/**
		 * The last run finished.
		 */
		SUCCEEDED,

		/**
		 * The last run threw an exception.
		 */
		FAILED,

		/**
		 * The last run outlived its timeout and was interrupted.
		 */
		TIMED_OUT

	}

	private final String name;

	private final @Nullable String cache;

	private final WarmingPolicy policy;

	private final String origin;

	private @Nullable CompletableFuture<WarmerState> current;

	private volatile Status status = Status.IDLE;

	private volatile @Nullable Instant lastStarted;

	private volatile @Nullable Duration lastDuration;

	private volatile long lastEntries = -1;

	private volatile @Nullable String lastError;

	private final LongAdder successes = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder skips = new LongAdder();

	private final LongAdder entries = new LongAdder();

	WarmerState(String name, @Nullable String cache, WarmingPolicy policy, String origin) {
		this.name = name;
		this.cache = cache;
		this.policy = policy;
		this.origin = origin;
	}

	/**
	 * Returns the warmer's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the cache the warmer fills.
	 * @return the cache name, or {@code null} for a warmer that fills caches through
	 * {@code @Cached} calls and names none
	 */
	public @Nullable String cache() {
		return this.cache;
	}

	/**
	 * Returns when the warmer runs, after configuration overrides.
	 * @return the effective policy
	 */
	public WarmingPolicy policy() {
		return this.policy;
	}

	/**
	 * Returns where the warmer was declared.
	 * @return a bean or method description
	 */
	public String origin() {
		return this.origin;
	}

	/**
	 * Returns the current status.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Returns when the last run started.
	 * @return the time, or {@code null} before the first run
	 */
	public @Nullable Instant lastStarted() {
		return this.lastStarted;
	}

	/**
	 * Returns how long the last finished run took.
	 * @return the duration, or {@code null} before the first run finished
	 */
	public @Nullable Duration lastDuration() {
		return this.lastDuration;
	}

	/**
	 * Returns how many entries the last successful run wrote.
	 * @return the count, or {@code -1} when unknown (no run yet, or a warmer that fills
	 * caches itself and names no cache)
	 */
	public long lastEntries() {
		return this.lastEntries;
	}

	/**
	 * Returns why the last run failed.
	 * @return the exception's type and message, or {@code null} when it did not fail
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * Returns how many runs finished.
	 * @return the count
	 */
	public long successes() {
		return this.successes.sum();
	}

	/**
	 * Returns how many runs threw an exception.
	 * @return the count
	 */
	public long failures() {
		return this.failures.sum();
	}

	/**
	 * Returns how many runs outlived their timeout.
	 * @return the count
	 */
	public long timeouts() {
		return this.timeouts.sum();
	}

	/**
	 * Returns how many scheduled runs were left to another instance, or skipped because
	 * the previous run was still going.
	 * @return the count
	 */
	public long skips() {
		return this.skips.sum();
	}

	/**
	 * Returns how many entries all runs wrote.
	 * @return the count
	 */
	public long entries() {
		return this.entries.sum();
	}

	/**
	 * Reserves the warmer for a run, unless one is queued or running.
	 * @param run completes when the new run ends
	 * @return {@code null} when reserved, otherwise the run already going
	 */
	synchronized @Nullable CompletableFuture<WarmerState> reserve(CompletableFuture<WarmerState> run) {
		if (this.current != null) {
			return this.current;
		}
		this.current = run;
		return null;
	}

	/**
	 * Returns whether a run is queued or running.
	 * @return whether the warmer is busy
	 */
	synchronized boolean busy() {
		return this.current != null;
	}

	void started(Instant now) {
		this.lastStarted = now;
		this.status = Status.RUNNING;
	}

	void succeeded(Duration duration, long entries) {
		this.lastDuration = duration;
		this.lastEntries = entries;
		this.lastError = null;
		if (entries > 0) {
			this.entries.add(entries);
		}
		this.successes.increment();
		finish(Status.SUCCEEDED);
	}

	void failed(Duration duration, Throwable failure) {
		this.lastDuration = duration;
		this.lastError = failure.getClass().getName()
				+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		this.failures.increment();
		finish(Status.FAILED);
	}

	void timedOut(Duration duration) {
		this.lastDuration = duration;
		this.lastError = "Interrupted after " + duration.toMillis() + " ms: longer than its timeout";
		this.timeouts.increment();
		finish(Status.TIMED_OUT);
	}

	void skipped() {
		this.skips.increment();
	}

	synchronized void release() {
		this.current = null;
	}

	private void finish(Status status) {
		this.status = status;
	}

	@Override
	public String toString() {
		return "WarmerState[" + this.name + ", " + this.status + "]";
	}

}
