package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * The one time base of a soak: nanoseconds since it started, monotonic. Requests,
 * acknowledgements, stale reads, faults and polls are all stamped with it.
 * <p>
 * Thread-safe.
 */
final class SoakClock {

	private final long origin = System.nanoTime();

	/**
	 * Returns the time since the soak started.
	 * @return nanoseconds
	 */
	long now() {
		return System.nanoTime() - this.origin;
	}

	/**
	 * Formats a reading as seconds since the start, such as {@code 73.4 s}.
	 * @param nanos the reading
	 * @return the text
	 */
	static String format(long nanos) {
		return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
	}

	/**
	 * Formats a duration in milliseconds or seconds, whichever reads better.
	 * @param duration the duration
	 * @return the text
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 10_000) ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
