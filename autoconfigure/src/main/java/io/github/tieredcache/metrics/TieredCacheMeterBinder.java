package io.github.tieredcache.metrics;

import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of one {@link TieredCache}: Micrometer's standard cache meters
 * ({@code cache.gets}, {@code cache.puts}, {@code cache.evictions}, {@code cache.size})
 * and the tier meters listed in {@link TieredCacheMeters}.
 *
 * <p>
 * Every meter reads the cache's own counters when the registry asks for a value, so
 * binding adds nothing to a cache call. {@code cache.gets} counts a lookup as a hit when
 * either tier answered it and as a miss when neither did; {@code cache.size} is the
 * approximate number of L1 entries and is not bound for a cache without L1;
 * {@code cache.evictions} counts explicit evictions and clears (L1's own size-based
 * evictions are not included).
 */
public class TieredCacheMeterBinder extends CacheMeterBinder<TieredCache> {

	private final TieredCache cache;

	/**
	 * Creates a binder for a cache.
	 * @param cache the cache
	 * @param tags tags added to every meter, besides {@code cache} (the cache's name)
	 */
	public TieredCacheMeterBinder(TieredCache cache, Iterable<Tag> tags) {
		super(cache, cache.getName(), tags);
		this.cache = cache;
	}

	@Override
	protected @Nullable Long size() {
		LocalTier local = this.cache.localTier();
		return (local != null) ? local.estimatedSize() : null;
	}

	@Override
	protected long hitCount() {
		return stats().hits();
	}

	@Override
	protected Long missCount() {
		return stats().misses();
	}

	@Override
	protected Long evictionCount() {
		return stats().evictions();
	}

	@Override
	protected long putCount() {
		return stats().puts();
	}

	@Override
	protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
		TieredCacheMeters.bind(this.cache, getTagsWithCacheName(), registry);
	}

	private TieredCacheStats stats() {
		return this.cache.statistics().snapshot();
	}

}
