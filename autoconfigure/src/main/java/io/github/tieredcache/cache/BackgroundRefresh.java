package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache.ValueWrapper;

/**
 * Reloads a cache's entries in the background before they expire: every entry read
 * through a loader late in its life with {@code refresh-ahead}, only the most-read ones
 * near their expiry with {@code hot-keys}. A reload replaces the Redis entry only if it
 * is still the one read before (compare-and-set on its write and expiry times), so it
 * never overwrites a newer write nor revives an evicted key. Also runs the cache's other
 * background work. Thread-safe.
 */
final class BackgroundRefresh {

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(TieredCache.class),
			Duration.ofSeconds(10));

	private final TieredCache cache;

	private final CacheSpec spec;

	private final @Nullable LocalTier local;

	private final @Nullable RemoteTier remote;

	private final KeyGenerations generations;

	private final EntryLifetimes lifetimes;

	private final FillCoordinator fills;

	private final RefreshExecutor executor;

	private final @Nullable HotKeys hotKeys;

	private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

	BackgroundRefresh(TieredCache cache, @Nullable LocalTier local, @Nullable RemoteTier remote,
			KeyGenerations generations, EntryLifetimes lifetimes, FillCoordinator fills, RefreshExecutor executor,
			@Nullable HotKeys hotKeys) {
		this.cache = cache;
		this.spec = cache.spec();
		this.local = local;
		this.remote = remote;
		this.generations = generations;
		this.lifetimes = lifetimes;
		this.fills = fills;
		this.executor = executor;
		this.hotKeys = hotKeys;
	}

	/**
	 * Returns whether reading an L1 hit would start a refresh.
	 */
	boolean isDue(ValueWrapper hit) {
		LocalTier l1 = this.local;
		return (this.spec.refreshAhead() != 0 || this.hotKeys != null) && l1 != null && l1.isDueForRefresh(hit);
	}

	/**
	 * Starts reloading an entry just read through a loader if it is due, once per key.
	 */
	<T> void refreshIfDue(String id, Object key, ValueWrapper hit, Callable<T> valueLoader, Duration ttl) {
		LocalTier l1 = this.local;
		if ((this.spec.refreshAhead() == 0 && this.hotKeys == null) || l1 == null || !l1.isDueForRefresh(hit)) {
			return;
		}
		// Without refresh-ahead, only the most-read keys are refreshed: the ones whose
		// expiry would cost the most loads
		HotKeys hot = this.hotKeys;
		if (this.spec.refreshAhead() == 0 && hot != null && !hot.contains(id)) {
			return;
		}
		if (!this.refreshing.add(id)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					refresh(id, key, valueLoader, ttl);
				}
				catch (RuntimeException ex) {
					failures.warn(
							"Refreshing an entry of cache '" + this.spec.name() + "' failed; it stays until it expires",
							ex);
				}
				finally {
					this.refreshing.remove(id);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.refreshing.remove(id);
		}
	}

	/**
	 * Runs other background work of the cache, or on the caller's thread when the
	 * executor refuses it.
	 */
	void run(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	private <T> void refresh(String id, Object key, Callable<T> valueLoader, Duration ttl) {
		long generation = this.generations.current(id);
		RemoteTier l2 = this.remote;
		RemoteEntry before = null;
		if (l2 != null) {
			before = l2.get(id);
			if (before == null) {
				// Invalidated or expired meanwhile: the next read loads it
				return;
			}
		}
		Object value = this.fills.timed(key, valueLoader);
		Object stored = this.cache.toStoredValue(value);
		Duration entryTtl = this.lifetimes.entryTtl(stored, ttl);
		if (l2 != null && before != null && !l2.replace(id, stored, entryTtl, before)) {
			this.cache.statistics().recordStaleFillPrevented();
			return;
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.putIf(id, TieredCache.wrap(stored), this.lifetimes.l1Ttl(entryTtl),
					this.lifetimes.refreshAfter(entryTtl), () -> this.generations.isCurrent(id, generation));
		}
		this.cache.statistics().recordRefresh();
	}

}
