package io.github.tieredcache.actuate.endpoint;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.write.WriteBehindStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Statistics of one tiered cache, as the {@code tieredcache} endpoint shows them. Counts
 * are totals since the cache was created; ratios are {@code null} until there is
 * something to divide by. Holds no cache keys or values.
 *
 * @param name the cache name
 * @param cacheManager the name of the cache manager bean the cache belongs to
 * @param ttl the cache's TTL (ISO-8601)
 * @param gets lookups answered by either tier, or by neither
 * @param l1 the in-process tier, or {@code null} when the cache has none
 * @param l2 the shared tier, or {@code null} when the cache has none
 * @param loads calls of the value loader (the cached method)
 * @param puts values written
 * @param evictions keys evicted and clears
 * @param writeBehind the cache's write-behind queue, shown in the one-cache view of a
 * cache with {@code @WriteBehind} methods, otherwise {@code null}
 */
public record CacheDescriptor(String name, String cacheManager, String ttl, Gets gets, @Nullable L1 l1, @Nullable L2 l2,
		Loads loads, long puts, long evictions,
		@Nullable WriteBehindStats writeBehind) implements OperationResponseBody {

	/**
	 * Describes a cache as it is now.
	 * @param cache the cache
	 * @param cacheManager the name of its cache manager bean
	 * @return the descriptor
	 */
	public static CacheDescriptor of(TieredCache cache, String cacheManager) {
		return of(cache, cacheManager, null);
	}

	/**
	 * Describes a cache as it is now, with its write-behind queue.
	 * @param cache the cache
	 * @param cacheManager the name of its cache manager bean
	 * @param writeBehind the state of its write-behind queue, or {@code null}
	 * @return the descriptor
	 */
	public static CacheDescriptor of(TieredCache cache, String cacheManager, @Nullable WriteBehindStats writeBehind) {
		CacheSpec spec = cache.spec();
		TieredCacheStats stats = cache.statistics().snapshot();
		LocalTier local = cache.localTier();
		L1 l1 = (local != null) ? new L1(local.estimatedSize(), spec.l1MaxSize(), spec.effectiveL1Ttl().toString(),
				stats.l1Hits(), stats.l1Misses(), ratio(stats.l1Hits(), stats.l1Misses())) : null;
		L2 l2 = (cache.remoteTier() != null)
				? new L2(stats.l2Hits(), stats.l2Misses(), ratio(stats.l2Hits(), stats.l2Misses()), stats.l2Errors(),
						stats.l2UnreadableValues(), stats.l2OversizedValues(), stats.l2UnwritableValues())
				: null;
		long loadCount = stats.loadSuccesses() + stats.loadFailures();
		Double meanLoadMillis = (loadCount > 0) ? stats.totalLoadNanos() / 1e6 / loadCount : null;
		return new CacheDescriptor(cache.getName(), cacheManager, spec.ttl().toString(),
				new Gets(stats.hits(), stats.misses(), ratio(stats.hits(), stats.misses())), l1, l2,
				new Loads(stats.loadSuccesses(), stats.loadFailures(), meanLoadMillis), stats.puts(), stats.evictions(),
				writeBehind);
	}

	private static @Nullable Double ratio(long hits, long misses) {
		long total = hits + misses;
		return (total > 0) ? (double) hits / total : null;
	}

	/**
	 * Lookups of the cache as a whole.
	 *
	 * @param hits lookups answered by L1 or L2
	 * @param misses lookups neither tier answered
	 * @param hitRatio hits over all lookups, or {@code null} before the first lookup
	 */
	public record Gets(long hits, long misses, @Nullable Double hitRatio) {
	}

	/**
	 * The in-process tier.
	 *
	 * @param size approximate number of entries
	 * @param maxSize maximum number of entries
	 * @param ttl longest time an entry stays (ISO-8601)
	 * @param hits lookups L1 answered
	 * @param misses lookups L1 could not answer
	 * @param hitRatio hits over L1 lookups, or {@code null} before the first lookup
	 */
	public record L1(long size, long maxSize, String ttl, long hits, long misses, @Nullable Double hitRatio) {
	}

	/**
	 * The shared tier.
	 *
	 * @param hits lookups L2 answered
	 * @param misses lookups L2 could not answer (errors included)
	 * @param hitRatio hits over L2 lookups, or {@code null} before the first lookup
	 * @param errors failed round trips to L2
	 * @param unreadableValues values that could not be read back (treated as misses)
	 * @param oversizedValues values kept out of L2 for their size
	 * @param unwritableValues values kept out of L2 as they could not be serialized
	 */
	public record L2(long hits, long misses, @Nullable Double hitRatio, long errors, long unreadableValues,
			long oversizedValues, long unwritableValues) {
	}

	/**
	 * Value loader calls.
	 *
	 * @param successes calls that returned a value
	 * @param failures calls that threw
	 * @param meanTimeMillis mean duration of a call, or {@code null} before the first
	 */
	public record Loads(long successes, long failures, @Nullable Double meanTimeMillis) {
	}

}
