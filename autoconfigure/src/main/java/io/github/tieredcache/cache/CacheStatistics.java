package io.github.tieredcache.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one {@link TieredCache}, cheap enough for the L1 hit path (striped
 * {@link LongAdder}s, no allocation). Read them through {@link #snapshot()}; only the
 * cache itself and its {@link RemoteTier} (as {@link RemoteValueCounters}) record.
 *
 * <p>
 * Thread-safe. Counters only grow; they are never reset.
 */
public final class CacheStatistics implements RemoteValueCounters {

	private final LongAdder l1Hits = new LongAdder();

	private final LongAdder l1Misses = new LongAdder();

	private final LongAdder l2Hits = new LongAdder();

	private final LongAdder l2Misses = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder loadSuccesses = new LongAdder();

	private final LongAdder loadFailures = new LongAdder();

	private final LongAdder loadSuccessNanos = new LongAdder();

	private final LongAdder loadFailureNanos = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder l2Errors = new LongAdder();

	private final LongAdder l2CompressedValues = new LongAdder();

	private final LongAdder refreshesOnDemand = new LongAdder();

	private final LongAdder oversizedFluxes = new LongAdder();

	private final LongAdder l2CompressionBytesSaved = new LongAdder();

	private final LongAdder l2UnreadableValues = new LongAdder();

	private final LongAdder l2OversizedValues = new LongAdder();

	private final LongAdder l2UnwritableValues = new LongAdder();

	private final LongAdder staleFillsPrevented = new LongAdder();

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder keyInvalidations = new LongAdder();

	private final LongAdder patternInvalidations = new LongAdder();

	private final LongAdder clears = new LongAdder();

	private final LongAdder remoteInvalidations = new LongAdder();

	void recordL1Hit() {
		this.l1Hits.increment();
	}

	void recordL1Miss() {
		this.l1Misses.increment();
	}

	void recordL2Hit() {
		this.l2Hits.increment();
	}

	void recordL2Miss() {
		this.l2Misses.increment();
	}

	void recordMiss() {
		this.misses.increment();
	}

	void recordLoad(boolean success, long nanos) {
		(success ? this.loadSuccesses : this.loadFailures).increment();
		(success ? this.loadSuccessNanos : this.loadFailureNanos).add(nanos);
	}

	void recordPut() {
		this.puts.increment();
	}

	void recordEviction() {
		this.evictions.increment();
	}

	void recordStaleFillPrevented() {
		this.staleFillsPrevented.increment();
	}

	void recordRefresh() {
		this.refreshes.increment();
	}

	void recordInvalidation(Invalidation.Scope scope, boolean fromAnotherInstance) {
		if (fromAnotherInstance) {
			this.remoteInvalidations.increment();
			return;
		}
		switch (scope) {
			case KEY -> this.keyInvalidations.increment();
			case PATTERN -> this.patternInvalidations.increment();
			case ALL -> this.clears.increment();
		}
	}

	/**
	 * Records a failed round trip to the shared tier (timeout, connection refused,
	 * command error).
	 */
	void recordL2Error() {
		this.l2Errors.increment();
	}

	/**
	 * Records a value in the shared tier that could not be read back (and was treated as
	 * a miss).
	 */
	@Override
	public void recordL2UnreadableValue() {
		this.l2UnreadableValues.increment();
	}

	/**
	 * Records a value that was not written to the shared tier because it exceeded the
	 * size limit.
	 */
	@Override
	public void recordL2OversizedValue() {
		this.l2OversizedValues.increment();
	}

	/**
	 * Records a value that was not written to the shared tier because it could not be
	 * serialized.
	 */
	@Override
	public void recordL2UnwritableValue() {
		this.l2UnwritableValues.increment();
	}

	/**
	 * Records a call that bypassed the cache on request ({@code @Cached(refresh)}) and
	 * replaced its entry.
	 */
	void recordRefreshOnDemand() {
		this.refreshesOnDemand.increment();
	}

	/**
	 * Records a {@code Flux} result not cached because it emitted more elements than
	 * allowed.
	 */
	void recordOversizedFlux() {
		this.oversizedFluxes.increment();
	}

	/**
	 * Records a value written compressed to the shared tier.
	 */
	@Override
	public void recordL2CompressedValue(long bytesSaved) {
		this.l2CompressedValues.increment();
		this.l2CompressionBytesSaved.add(bytesSaved);
	}

	/**
	 * Returns the time spent in value loader calls that returned a value.
	 * @return the total, in nanoseconds
	 */
	public long loadSuccessNanos() {
		return this.loadSuccessNanos.sum();
	}

	/**
	 * Returns the time spent in value loader calls that threw.
	 * @return the total, in nanoseconds
	 */
	public long loadFailureNanos() {
		return this.loadFailureNanos.sum();
	}

	/**
	 * Returns a consistent-enough copy of the counters (each counter is read once;
	 * counters updated concurrently may be slightly out of step with each other).
	 * @return the current values
	 */
	public TieredCacheStats snapshot() {
		return new TieredCacheStats(this.l1Hits.sum(), this.l1Misses.sum(), this.l2Hits.sum(), this.l2Misses.sum(),
				this.misses.sum(), this.loadSuccesses.sum(), this.loadFailures.sum(),
				this.loadSuccessNanos.sum() + this.loadFailureNanos.sum(), this.puts.sum(), this.evictions.sum(),
				this.l2Errors.sum(), this.l2UnreadableValues.sum(), this.l2OversizedValues.sum(),
				this.l2UnwritableValues.sum(), this.staleFillsPrevented.sum(), this.refreshes.sum(),
				this.keyInvalidations.sum(), this.patternInvalidations.sum(), this.clears.sum(),
				this.remoteInvalidations.sum(), this.l2CompressedValues.sum(), this.l2CompressionBytesSaved.sum(),
				this.refreshesOnDemand.sum(), this.oversizedFluxes.sum());
	}

}
