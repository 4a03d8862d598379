package io.github.tieredcache.cache;

/**
 * An immutable snapshot of a {@link TieredCache}'s counters since it was created.
 *
 * @param l1Hits lookups answered by the in-process tier
 * @param l1Misses lookups the in-process tier could not answer (only counted when L1 is
 * enabled)
 * @param l2Hits lookups answered by the shared tier
 * @param l2Misses lookups the shared tier could not answer, including unreadable values
 * and errors
 * @param misses lookups that found no value in any tier
 * @param loadSuccesses value loader calls that returned a value
 * @param loadFailures value loader calls that threw
 * @param totalLoadNanos time spent in value loaders, in nanoseconds
 * @param puts values written to the cache
 * @param evictions keys evicted and caches cleared
 * @param l2Errors failed round trips to the shared tier
 * @param l2UnreadableValues values in the shared tier that could not be read back
 * @param l2OversizedValues values not written to the shared tier because they were too
 * large
 * @param l2UnwritableValues values not written to the shared tier because they could not
 * be serialized
 * @param staleFillsPrevented loaded or refreshed values not stored because their key was
 * written or invalidated while they loaded
 * @param refreshes entries reloaded ahead of expiry
 * @param keyInvalidations keys evicted on this instance
 * @param patternInvalidations pattern invalidations run on this instance
 * @param clears whole-cache invalidations run on this instance
 * @param remoteInvalidations invalidations from other instances applied to this
 * instance's L1
 * @param l2CompressedValues values written compressed to the shared tier
 * @param l2CompressionBytesSaved bytes the shared tier did not have to store thanks to
 * compression
 * @param refreshesOnDemand calls that bypassed the cache on request
 * ({@code @Cached(refresh)}) and replaced their entry
 * @param oversizedFluxes {@code Flux} results of {@code @Cached} methods not cached
 * because they emitted more elements than {@code tiered-cache.reactive.max-flux-elements}
 */
public record TieredCacheStats(long l1Hits, long l1Misses, long l2Hits, long l2Misses, long misses, long loadSuccesses,
		long loadFailures, long totalLoadNanos, long puts, long evictions, long l2Errors, long l2UnreadableValues,
		long l2OversizedValues, long l2UnwritableValues, long staleFillsPrevented, long refreshes,
		long keyInvalidations, long patternInvalidations, long clears, long remoteInvalidations,
		long l2CompressedValues, long l2CompressionBytesSaved, long refreshesOnDemand, long oversizedFluxes) {

	/**
	 * Returns the number of lookups that found a value in either tier.
	 * @return L1 hits plus L2 hits
	 */
	public long hits() {
		return this.l1Hits + this.l2Hits;
	}

}
