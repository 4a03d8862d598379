package io.github.tieredcache.test.cache;

import java.util.IdentityHashMap;
import java.util.Map;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheStats;
import org.jspecify.annotations.Nullable;

/**
 * The counters of each cache when the running test started, so that assertions count what
 * the test did rather than everything since the cache was created. Kept per thread: JUnit
 * runs a test's callbacks and body on one thread unless told otherwise.
 */
final class TestActivity {

	private static final ThreadLocal<Map<TieredCache, TieredCacheStats>> baselines = ThreadLocal
		.withInitial(IdentityHashMap::new);

	private TestActivity() {
	}

	static void start(TieredCache cache) {
		baselines.get().put(cache, cache.statistics().snapshot());
	}

	static void end() {
		baselines.remove();
	}

	/**
	 * Returns the counters when the running test started, or {@code null} when it was not
	 * started by {@link ClearTieredCaches}.
	 */
	static @Nullable TieredCacheStats baseline(TieredCache cache) {
		return baselines.get().get(cache);
	}

}
