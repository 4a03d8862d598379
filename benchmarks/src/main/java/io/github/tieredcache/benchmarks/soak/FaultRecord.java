package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One fault as it happened. Times are {@link SoakClock} readings.
 *
 * @param kind the fault
 * @param detail what was done
 * @param note what happened while it was healed (a failover's duration), or {@code null}
 * @param affected the instances it disturbed
 * @param startNanos when it was injected
 * @param endNanos when it was over (healed: the server answered again, the instance was
 * ready)
 * @param recoveredNanos when every affected instance had an L2 hit again after the end,
 * or {@code -1} if that did not happen within the recovery timeout
 * @param losesRedisData whether Redis may have lost data through it
 * @param error why it could not be injected or healed, or {@code null}
 */
record FaultRecord(FaultKind kind, String detail, @Nullable String note, Set<Integer> affected, long startNanos,
		long endNanos, long recoveredNanos, boolean losesRedisData, @Nullable String error) {

	/**
	 * Returns whether the affected instances used Redis again.
	 * @return {@code true} once L2 hits resumed
	 */
	boolean recovered() {
		return this.recoveredNanos >= 0;
	}

	/**
	 * Returns the time from the end of the fault until every affected instance had an L2
	 * hit again.
	 * @return the recovery time, or {@code null} if it did not recover
	 */
	@Nullable Duration recovery() {
		return recovered() ? Duration.ofNanos(this.recoveredNanos - this.endNanos) : null;
	}

	/**
	 * Returns how long the fault lasted.
	 * @return the time from injection to the end
	 */
	Duration length() {
		return Duration.ofNanos(this.endNanos - this.startNanos);
	}

	/**
	 * Returns whether a time falls within the fault or its recovery (for a fault that did
	 * not recover: within the fault or the given grace after it).
	 * @param nanos the time
	 * @param grace how long after the recovery still counts
	 * @return {@code true} if it does
	 */
	boolean covers(long nanos, Duration grace) {
		long until = (recovered() ? this.recoveredNanos : this.endNanos) + grace.toNanos();
		return nanos >= this.startNanos && nanos <= until;
	}

}
