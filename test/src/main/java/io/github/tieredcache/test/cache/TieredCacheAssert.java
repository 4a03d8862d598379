package io.github.tieredcache.test.cache;

import java.util.function.ToLongFunction;

import io.github.tieredcache.cache.RemoteTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheStats;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;

/**
 * Assertions on one tiered cache: what the running test did to it (hits per tier, misses,
 * loads, puts, evictions) and what it holds. Reading what it holds never counts as a hit
 * or a miss.
 */
public class TieredCacheAssert extends AbstractAssert<TieredCacheAssert, Cache> {

	TieredCacheAssert(@Nullable Cache cache) {
		super(cache, TieredCacheAssert.class);
	}

	/**
	 * Verifies how many lookups L1 answered.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasL1Hits(long expected) {
		return hasCount("L1 hits", TieredCacheStats::l1Hits, expected);
	}

	/**
	 * Verifies how many lookups Redis answered.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasL2Hits(long expected) {
		return hasCount("L2 hits", TieredCacheStats::l2Hits, expected);
	}

	/**
	 * Verifies how many lookups either tier answered.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasHits(long expected) {
		return hasCount("hits", TieredCacheStats::hits, expected);
	}

	/**
	 * Verifies how many lookups found nothing in either tier.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasMisses(long expected) {
		return hasCount("misses", TieredCacheStats::misses, expected);
	}

	/**
	 * Verifies how many times a loader (the cached method) ran, successfully or not.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasLoads(long expected) {
		return hasCount("loads", (stats) -> stats.loadSuccesses() + stats.loadFailures(), expected);
	}

	/**
	 * Verifies how many values were written to the cache.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasPuts(long expected) {
		return hasCount("puts", TieredCacheStats::puts, expected);
	}

	/**
	 * Verifies how many keys were evicted and clears made.
	 * @param expected the count
	 * @return this
	 */
	public TieredCacheAssert hasEvictions(long expected) {
		return hasCount("evictions", TieredCacheStats::evictions, expected);
	}

	/**
	 * Verifies that either tier holds a value for a key.
	 * @param key the application's key
	 * @return this
	 */
	public TieredCacheAssert containsKey(Object key) {
		TieredCache cache = tiered();
		if (!holds(cache, key)) {
			failWithMessage("Expected cache '%s' to hold key <%s> in L1 or Redis, but it holds none", cache.getName(),
					key);
		}
		return this;
	}

	/**
	 * Verifies that neither tier holds a value for a key.
	 * @param key the application's key
	 * @return this
	 */
	public TieredCacheAssert doesNotContainKey(Object key) {
		TieredCache cache = tiered();
		if (holds(cache, key)) {
			failWithMessage("Expected cache '%s' not to hold key <%s>, but it does", cache.getName(), key);
		}
		return this;
	}

	private static boolean holds(TieredCache cache, Object key) {
		String id = cache.encodeKey(key);
		if (cache.localTier() != null && cache.localTier().get(id) != null) {
			return true;
		}
		RemoteTier l2 = cache.remoteTier();
		return l2 != null && l2.get(id) != null;
	}

	private TieredCacheAssert hasCount(String what, ToLongFunction<TieredCacheStats> counter, long expected) {
		TieredCache cache = tiered();
		TieredCacheStats now = cache.statistics().snapshot();
		TieredCacheStats baseline = TestActivity.baseline(cache);
		long actual = counter.applyAsLong(now) - ((baseline != null) ? counter.applyAsLong(baseline) : 0);
		if (actual != expected) {
			failWithMessage("Expected cache '%s' to count %d %s %s but it counted %d", cache.getName(), expected, what,
					(baseline != null) ? "in this test" : "since it was created", actual);
		}
		return this;
	}

	private TieredCache tiered() {
		isNotNull();
		if (!(this.actual instanceof TieredCache tiered)) {
			failWithMessage("Expected a TieredCache but was a %s: is the tiered cache manager the application's "
					+ "CacheManager?", this.actual.getClass().getName());
			throw new IllegalStateException("unreachable");
		}
		return tiered;
	}

}
