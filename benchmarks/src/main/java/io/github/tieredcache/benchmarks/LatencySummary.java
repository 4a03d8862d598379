package io.github.tieredcache.benchmarks;

import java.util.Locale;

/**
 * Latencies of the {@code GET}s one {@link LatencyProbe} window recorded.
 *
 * @param label what the window measured
 * @param count the number of round trips
 * @param p50Nanos the median
 * @param p99Nanos the 99th percentile
 * @param p999Nanos the 99.9th percentile
 * @param maxNanos the worst round trip
 */
record LatencySummary(String label, int count, long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos) {

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"%-28s %8d GETs   p50 %7.3f ms   p99 %7.3f ms   p99.9 %7.3f ms   max %7.3f ms", this.label, this.count,
				millis(this.p50Nanos), millis(this.p99Nanos), millis(this.p999Nanos), millis(this.maxNanos));
	}

	static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

}
