package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache.ValueWrapper;

/**
 * Applies a cache's writes, evictions and clears everywhere they must reach: the bulk
 * fills watching the cache first (so they never overwrite the change), the key's
 * invalidation counter (so loads that started before it are not stored), Redis, then L1,
 * then the {@link InvalidationListener} that tells other instances. Also applies, to L1
 * alone, what other instances changed. Thread-safe.
 */
final class WriteFanOut {

	private final TieredCache cache;

	private final String name;

	private final @Nullable LocalTier local;

	private final FailSafeRemote remote;

	private final CacheStatistics statistics;

	private final KeyGenerations generations;

	private final EntryLifetimes lifetimes;

	private final InvalidationListener listener;

	private final List<InvalidationWatch> watches = new CopyOnWriteArrayList<>();

	WriteFanOut(TieredCache cache, @Nullable LocalTier local, FailSafeRemote remote, KeyGenerations generations,
			EntryLifetimes lifetimes, InvalidationListener listener) {
		this.cache = cache;
		this.name = cache.getName();
		this.local = local;
		this.remote = remote;
		this.statistics = cache.statistics();
		this.generations = generations;
		this.lifetimes = lifetimes;
		this.listener = listener;
	}

	void put(String id, Object stored, Duration ttl) {
		Duration entryTtl = this.lifetimes.entryTtl(stored, ttl);
		watched(Invalidation.key(this.name, id), false);
		this.generations.advance(id);
		this.remote.put(id, stored, entryTtl);
		putLocal(id, stored, entryTtl);
		this.statistics.recordPut();
		this.listener.invalidated(Invalidation.key(this.name, id));
	}

	/**
	 * Writes unless a value is present, atomically in Redis (two instances racing for a
	 * key agree on one winner), in L1 alone without Redis.
	 * @return the value present, or {@code null} when this one was written
	 */
	@Nullable ValueWrapper putIfAbsent(String id, Object stored, Duration ttl) {
		Duration entryTtl = this.lifetimes.entryTtl(stored, ttl);
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(id) : null;
		if (inL1 != null) {
			return inL1;
		}
		if (this.remote.present()) {
			long generation = this.generations.current(id);
			// Before Redis, like every write: a bulk fill must not overwrite it
			watched(Invalidation.key(this.name, id), false);
			FailSafeRemote.Absence absence = this.remote.putIfAbsent(id, stored, entryTtl);
			if (absence != null) {
				RemoteEntry present = absence.present();
				if (present != null) {
					ValueWrapper existing = TieredCache.wrap(present.value());
					this.cache.fillLocal(id, existing, present, generation);
					return existing;
				}
				this.generations.advance(id);
				putLocal(id, stored, entryTtl);
				this.statistics.recordPut();
				this.listener.invalidated(Invalidation.key(this.name, id));
				return null;
			}
		}
		if (l1 == null) {
			return null;
		}
		ValueWrapper existing = l1.putIfAbsent(id, TieredCache.wrap(stored), this.lifetimes.l1Ttl(entryTtl));
		if (existing == null) {
			this.statistics.recordPut();
		}
		return existing;
	}

	boolean evict(String id) {
		watched(Invalidation.key(this.name, id), false);
		this.generations.advance(id);
		boolean present = this.remote.evict(id);
		LocalTier l1 = this.local;
		if (l1 != null) {
			present |= l1.remove(id);
		}
		this.statistics.recordEviction();
		this.statistics.recordInvalidation(Invalidation.Scope.KEY, false);
		this.listener.invalidated(Invalidation.key(this.name, id));
		return present;
	}

	long evictMatching(String glob) {
		KeyGlob matcher = KeyGlob.compile(glob);
		watched(Invalidation.pattern(this.name, glob), false);
		this.generations.advanceAll();
		long removed = this.remote.evictMatching(glob);
		LocalTier l1 = this.local;
		if (l1 != null) {
			removed = Math.max(removed, l1.removeIf(matcher::matches));
		}
		this.statistics.recordEviction();
		this.statistics.recordInvalidation(Invalidation.Scope.PATTERN, false);
		this.listener.invalidated(Invalidation.pattern(this.name, glob));
		return removed;
	}

	boolean clear() {
		watched(Invalidation.all(this.name), false);
		this.generations.advanceAll();
		boolean present = this.remote.clear();
		LocalTier l1 = this.local;
		if (l1 != null) {
			present |= l1.clear();
		}
		this.statistics.recordEviction();
		this.statistics.recordInvalidation(Invalidation.Scope.ALL, false);
		this.listener.invalidated(Invalidation.all(this.name));
		return present;
	}

	/**
	 * Applies another instance's change to L1 alone, failing the fills of loads that
	 * started before it.
	 */
	void applyRemote(Invalidation invalidation) {
		this.statistics.recordInvalidation(invalidation.scope(), true);
		watched(invalidation, true);
		LocalTier l1 = this.local;
		switch (invalidation.scope()) {
			case KEY -> {
				String id = Objects.requireNonNull(invalidation.target());
				this.generations.advance(id);
				if (l1 != null) {
					l1.remove(id);
				}
			}
			case PATTERN -> {
				KeyGlob matcher = KeyGlob.compile(Objects.requireNonNull(invalidation.target()));
				this.generations.advanceAll();
				if (l1 != null) {
					l1.removeIf(matcher::matches);
				}
			}
			case ALL -> {
				this.generations.advanceAll();
				if (l1 != null) {
					l1.clear();
				}
			}
		}
	}

	void watch(InvalidationWatch watch) {
		this.watches.add(watch);
	}

	void unwatch(InvalidationWatch watch) {
		this.watches.remove(watch);
	}

	int watchCount() {
		return this.watches.size();
	}

	private void watched(Invalidation invalidation, boolean remote) {
		if (!this.watches.isEmpty()) {
			for (InvalidationWatch watch : this.watches) {
				watch.record(invalidation, remote);
			}
		}
	}

	private void putLocal(String id, Object stored, Duration entryTtl) {
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.put(id, TieredCache.wrap(stored), this.lifetimes.l1Ttl(entryTtl), this.lifetimes.refreshAfter(entryTtl));
		}
	}

}
