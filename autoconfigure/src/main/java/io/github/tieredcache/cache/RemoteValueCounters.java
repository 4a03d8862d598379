package io.github.tieredcache.cache;

/**
 * What a {@link RemoteTier} reports about values it could not handle, so that they show
 * in the cache's statistics and metrics ({@code tiered.cache.l2.*}), and about
 * invalidations it could only replay late, so that other instances hear of them again.
 * Handed to each tier by {@link RemoteTierFactory#create}; failed round trips are counted
 * by the cache itself, from the tier's exceptions.
 *
 * <p>
 * Implementations are thread-safe and cheap to call: a tier may report from any thread,
 * on every read and write.
 */
public interface RemoteValueCounters {

	/**
	 * Records a value in the shared tier that could not be read back (and was treated as
	 * a miss).
	 */
	void recordL2UnreadableValue();

	/**
	 * Records a value that was not written to the shared tier because it exceeded the
	 * size limit.
	 */
	void recordL2OversizedValue();

	/**
	 * Records a value that was not written to the shared tier because it could not be
	 * serialized.
	 */
	void recordL2UnwritableValue();

	/**
	 * Records a value written compressed to the shared tier.
	 * @param bytesSaved how many bytes smaller the stored entry is than it would have
	 * been uncompressed
	 */
	default void recordL2CompressedValue(long bytesSaved) {
	}

	/**
	 * Records an invalidation that reached the shared tier only late: it failed, or was
	 * not tried, when the cache made it, and was replayed once the tier answered again.
	 * Other instances may have read the old value from the shared tier meanwhile, so the
	 * cache tells them again.
	 * @param invalidation the invalidation replayed
	 */
	default void recordReplayedInvalidation(Invalidation invalidation) {
	}

}
