package io.github.tieredcache.write;

import java.time.Duration;
import java.util.Objects;

/**
 * The write-behind settings of one cache, resolved and checked once. Immutable; derive
 * variants with the {@code with...} methods.
 *
 * @param delay how long a queued write waits before its method runs; later writes to the
 * same key within it are coalesced into one run with the last
 * @param maxAttempts runs of the method before a failing write is dead-lettered
 * @param batchSize most queue entries one instance reads at a time
 * @param concurrency most writes of the cache running at once on one instance
 */
public record WriteBehindSettings(Duration delay, int maxAttempts, int batchSize, int concurrency) {

	/**
	 * Default {@code delay}: one second.
	 */
	public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

	/**
	 * Default {@code maxAttempts}: five runs.
	 */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	/**
	 * Default {@code batchSize}: 100 entries.
	 */
	public static final int DEFAULT_BATCH_SIZE = 100;

	/**
	 * Default {@code concurrency}: four writes at once.
	 */
	public static final int DEFAULT_CONCURRENCY = 4;

	/**
	 * The longest delay accepted: one day. A queued write holds its key's value in Redis
	 * until it runs.
	 */
	public static final Duration MAX_DELAY = Duration.ofDays(1);

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException naming the setting and its value
	 */
	public WriteBehindSettings {
		Objects.requireNonNull(delay, "write-behind.delay must not be null");
		if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException(
					"write-behind.delay must be between 0 and 1d but was " + delay + " (e.g. 1s)");
		}
		requireRange("write-behind.max-attempts", maxAttempts, 1, 100, "5");
		requireRange("write-behind.batch-size", batchSize, 1, 10_000, "100");
		requireRange("write-behind.concurrency", concurrency, 1, 256, "4");
	}

	private static void requireRange(String setting, int value, int min, int max, String example) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + " but was " + value
					+ " (e.g. " + example + ")");
		}
	}

	/**
	 * Returns the library's defaults.
	 * @return the default settings
	 */
	public static WriteBehindSettings defaults() {
		return new WriteBehindSettings(DEFAULT_DELAY, DEFAULT_MAX_ATTEMPTS, DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY);
	}

	/**
	 * Returns a copy with another delay.
	 * @param delay the delay, zero to one day
	 * @return the copy
	 */
	public WriteBehindSettings withDelay(Duration delay) {
		return new WriteBehindSettings(delay, this.maxAttempts, this.batchSize, this.concurrency);
	}

	/**
	 * Returns a copy with another number of attempts.
	 * @param maxAttempts the attempts, 1 to 100
	 * @return the copy
	 */
	public WriteBehindSettings withMaxAttempts(int maxAttempts) {
		return new WriteBehindSettings(this.delay, maxAttempts, this.batchSize, this.concurrency);
	}

	/**
	 * Returns a copy with another batch size.
	 * @param batchSize the batch size, 1 to 10,000
	 * @return the copy
	 */
	public WriteBehindSettings withBatchSize(int batchSize) {
		return new WriteBehindSettings(this.delay, this.maxAttempts, batchSize, this.concurrency);
	}

	/**
	 * Returns a copy with another concurrency.
	 * @param concurrency the writes at once, 1 to 256
	 * @return the copy
	 */
	public WriteBehindSettings withConcurrency(int concurrency) {
		return new WriteBehindSettings(this.delay, this.maxAttempts, this.batchSize, concurrency);
	}

}
