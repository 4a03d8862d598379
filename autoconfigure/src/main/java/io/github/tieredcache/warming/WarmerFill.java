package io.github.tieredcache.warming;

import java.util.Map;
import java.util.function.Supplier;

import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.TieredCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Loads a warmer's entries and writes them to its cache: through a {@link BulkFill} for a
 * tiered cache, so entries written or invalidated while the warmer loaded are left out,
 * one {@code put} at a time for any other cache. Writing starts only if the run has not
 * timed out while loading.
 */
final class WarmerFill {

	// Logs under the public type, so logging configuration written for it still applies
	private static final Log logger = LogFactory.getLog(CacheWarming.class);

	private final Supplier<@Nullable CacheManager> cacheManager;

	WarmerFill(Supplier<@Nullable CacheManager> cacheManager) {
		this.cacheManager = cacheManager;
	}

	/**
	 * Loads a warmer's entries and writes them.
	 * @param definition the warmer
	 * @param run the run, which must still be loading when the entries are written
	 * @return how many entries were written, or -1 when unknown
	 * @throws Exception what loading threw, or {@link InterruptedException} when the run
	 * timed out before writing
	 */
	long fill(WarmerDefinition definition, WarmerRun run) throws Exception {
		String cacheName = definition.cache();
		Cache cache = (cacheName != null) ? cache(cacheName) : null;
		if (cache instanceof TieredCache tiered) {
			long loadsBefore = tiered.statistics().snapshot().loadSuccesses();
			try (BulkFill fill = tiered.bulkFill()) {
				Map<?, ?> entries = definition.source().load();
				if (entries == null) {
					return tiered.statistics().snapshot().loadSuccesses() - loadsBefore;
				}
				startWriting(run);
				BulkFill.Result result = fill.write(entries);
				if (result.skipped() > 0) {
					logger.info("Warmer '" + definition.name() + "' left out " + result.skipped() + " of "
							+ entries.size() + " entries: written or invalidated while it loaded them, or null");
				}
				return result.written();
			}
		}
		Map<?, ?> entries = definition.source().load();
		if (entries == null || cache == null) {
			return -1;
		}
		startWriting(run);
		entries.forEach(cache::put);
		return entries.size();
	}

	private Cache cache(String name) {
		CacheManager manager = this.cacheManager.get();
		Cache cache = (manager != null) ? manager.getCache(name) : null;
		if (cache == null) {
			throw new IllegalStateException("No cache named '" + name + "' to warm");
		}
		return cache;
	}

	private static void startWriting(WarmerRun run) throws InterruptedException {
		if (!run.startWriting()) {
			throw new InterruptedException("Timed out before writing its entries");
		}
	}

}
