package io.github.tieredcache.cache;

/**
 * The counters a cache hands its {@link RemoteTier}: its statistics, and its
 * {@link InvalidationListener} for invalidations the tier replayed late, so that other
 * instances drop what they read from the tier before the replay.
 *
 * <p>
 * Thread-safe, as its parts are.
 */
final class ReplayForwardingCounters implements RemoteValueCounters {

	private final CacheStatistics statistics;

	private final InvalidationListener listener;

	ReplayForwardingCounters(CacheStatistics statistics, InvalidationListener listener) {
		this.statistics = statistics;
		this.listener = listener;
	}

	@Override
	public void recordL2UnreadableValue() {
		this.statistics.recordL2UnreadableValue();
	}

	@Override
	public void recordL2OversizedValue() {
		this.statistics.recordL2OversizedValue();
	}

	@Override
	public void recordL2UnwritableValue() {
		this.statistics.recordL2UnwritableValue();
	}

	@Override
	public void recordL2CompressedValue(long bytesSaved) {
		this.statistics.recordL2CompressedValue(bytesSaved);
	}

	@Override
	public void recordReplayedInvalidation(Invalidation invalidation) {
		this.listener.invalidated(invalidation);
	}

}
