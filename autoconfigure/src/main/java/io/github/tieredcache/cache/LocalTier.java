package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache.ValueWrapper;

/**
 * The in-process tier (L1): a size-bounded Caffeine cache whose entries live at most the
 * L1 TTL, and less when they must: an entry copied from Redis lives no longer than it has
 * left there.
 *
 * <p>
 * Entries are stored as the {@link ValueWrapper} handed back to callers, so an L1 hit
 * allocates nothing. Most entries simply expire with Caffeine's fixed expire-after-write;
 * only an entry that must expire sooner carries its own deadline, checked when it is
 * read. That keeps the common hit as cheap as a plain Caffeine lookup (Caffeine's
 * per-entry variable expiry costs every read a timer-wheel update). Thread-safe.
 *
 * <p>
 * Applications see it through {@link TieredCache#localTier()}: they may read it and drop
 * entries from it (this instance only; dropping never makes anything stale), but only the
 * cache adds entries, since an entry added behind its back would escape the checks that
 * keep a stale value out (the fill race) and would not reach other instances.
 */
public final class LocalTier {

	private final Cache<Object, ValueWrapper> cache;

	private final Ticker ticker;

	private final Duration maxTtl;

	/**
	 * Creates an L1 tier.
	 * @param maxSize the maximum number of entries
	 * @param maxTtl the longest time an entry may live
	 * @param ticker the time source (tests pass a fake one to move time)
	 */
	LocalTier(long maxSize, Duration maxTtl, Ticker ticker) {
		this.maxTtl = maxTtl;
		this.ticker = ticker;
		this.cache = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(maxTtl).ticker(ticker).build();
	}

	/**
	 * Returns the live entry for the key.
	 * @param key the key
	 * @return the entry, or {@code null} when absent or expired
	 */
	public @Nullable ValueWrapper get(Object key) {
		ValueWrapper entry = this.cache.getIfPresent(key);
		if (entry instanceof ShortLivedEntry shortLived && shortLived.hasExpired(this.ticker.read())) {
			this.cache.asMap().remove(key, entry);
			return null;
		}
		return entry;
	}

	/**
	 * Stores an entry for at most the given time, capped by this tier's maximum TTL. A
	 * non-positive TTL stores nothing (the entry is already expired) and removes any
	 * previous entry.
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 */
	void put(Object key, ValueWrapper value, Duration ttl) {
		put(key, value, ttl, null);
	}

	/**
	 * Stores an entry that asks to be refreshed once it is older than the given age (see
	 * {@link #isDueForRefresh(ValueWrapper)}).
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 * @param refreshAfter when reads should start refreshing it, or {@code null} for
	 * never
	 */
	void put(Object key, ValueWrapper value, Duration ttl, @Nullable Duration refreshAfter) {
		ValueWrapper entry = entry(value, ttl, refreshAfter);
		if (entry == null) {
			this.cache.invalidate(key);
			return;
		}
		this.cache.put(key, entry);
	}

	/**
	 * Stores an entry unless a live one is present.
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 * @return the present entry, or {@code null} if the given one was stored
	 */
	@Nullable ValueWrapper putIfAbsent(Object key, ValueWrapper value, Duration ttl) {
		ValueWrapper entry = entry(value, ttl, null);
		ValueWrapper[] present = new ValueWrapper[1];
		this.cache.asMap().compute(key, (k, existing) -> {
			if (existing != null
					&& !(existing instanceof ShortLivedEntry shortLived && shortLived.hasExpired(this.ticker.read()))) {
				present[0] = existing;
				return existing;
			}
			return entry;
		});
		return present[0];
	}

	/**
	 * Stores an entry if a condition still holds when the entry is written, atomically
	 * with respect to {@link #remove(Object)} of the same key: a removal that follows a
	 * change of the condition either prevents the write or removes what it wrote.
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 * @param refreshAfter when reads should start refreshing it, or {@code null} for
	 * never
	 * @param condition checked while the key is locked
	 * @return whether the entry was stored
	 */
	boolean putIf(Object key, ValueWrapper value, Duration ttl, @Nullable Duration refreshAfter,
			BooleanSupplier condition) {
		ValueWrapper entry = entry(value, ttl, refreshAfter);
		boolean[] stored = new boolean[1];
		this.cache.asMap().compute(key, (k, existing) -> {
			if (!condition.getAsBoolean()) {
				return existing;
			}
			stored[0] = true;
			return entry;
		});
		return stored[0] && entry != null;
	}

	/**
	 * Removes every entry whose key matches.
	 * @param matcher tests a key
	 * @return how many live entries were removed
	 */
	public int removeIf(Predicate<Object> matcher) {
		int removed = 0;
		for (Object key : this.cache.asMap().keySet()) {
			if (matcher.test(key) && remove(key)) {
				removed++;
			}
		}
		return removed;
	}

	/**
	 * Removes the entry for the key.
	 * @param key the key
	 * @return whether an entry was present
	 */
	public boolean remove(Object key) {
		ValueWrapper removed = this.cache.asMap().remove(key);
		return removed != null
				&& !(removed instanceof ShortLivedEntry shortLived && shortLived.hasExpired(this.ticker.read()));
	}

	/**
	 * Removes every entry.
	 * @return whether any entry was present
	 */
	public boolean clear() {
		boolean hadEntries = !this.cache.asMap().isEmpty();
		this.cache.invalidateAll();
		return hadEntries;
	}

	/**
	 * Returns how long the entry for a key has left to live, for diagnostics and tests.
	 * @param key the key
	 * @return the remaining time, or empty when there is no live entry
	 */
	public Optional<Duration> expiresAfter(Object key) {
		ValueWrapper entry = get(key);
		Optional<Duration> age = this.cache.policy().expireAfterWrite().flatMap((expiry) -> expiry.ageOf(key));
		if (entry == null || age.isEmpty()) {
			return Optional.empty();
		}
		Duration remaining = this.maxTtl.minus(age.get());
		if (entry instanceof ShortLivedEntry shortLived) {
			Duration own = Duration.ofNanos(shortLived.deadlineNanos - this.ticker.read());
			remaining = (own.compareTo(remaining) < 0) ? own : remaining;
		}
		return Optional.of(remaining);
	}

	/**
	 * Returns the approximate number of entries.
	 * @return the estimated size
	 */
	public long estimatedSize() {
		return this.cache.estimatedSize();
	}

	/**
	 * Returns the underlying Caffeine cache, for diagnostics.
	 * @return the Caffeine cache
	 */
	Cache<Object, ValueWrapper> nativeCache() {
		return this.cache;
	}

	/**
	 * Returns whether an entry returned by {@link #get(Object)} has reached the age at
	 * which it asked to be refreshed.
	 * @param entry the entry
	 * @return whether a refresh is due
	 */
	boolean isDueForRefresh(ValueWrapper entry) {
		return entry instanceof ShortLivedEntry timed && timed.isDueForRefresh(this.ticker.read());
	}

	private @Nullable ValueWrapper entry(ValueWrapper value, Duration ttl, @Nullable Duration refreshAfter) {
		if (ttl.isNegative() || ttl.isZero()) {
			return null;
		}
		if (ttl.compareTo(this.maxTtl) >= 0 && refreshAfter == null) {
			return value;
		}
		long now = this.ticker.read();
		long deadline = now + ((ttl.compareTo(this.maxTtl) < 0) ? ttl : this.maxTtl).toNanos();
		long refreshAt = (refreshAfter != null) ? now + Math.max(0, refreshAfter.toNanos()) : deadline;
		return new ShortLivedEntry(value.get(), deadline, refreshAt);
	}

	/**
	 * An entry that must expire before the tier's maximum TTL, or be refreshed before it
	 * expires.
	 */
	private static final class ShortLivedEntry implements ValueWrapper {

		private final @Nullable Object value;

		private final long deadlineNanos;

		private final long refreshAtNanos;

		ShortLivedEntry(@Nullable Object value, long deadlineNanos, long refreshAtNanos) {
			this.value = value;
			this.deadlineNanos = deadlineNanos;
			this.refreshAtNanos = refreshAtNanos;
		}

		boolean isDueForRefresh(long nowNanos) {
			return nowNanos - this.refreshAtNanos >= 0;
		}

		@Override
		public @Nullable Object get() {
			return this.value;
		}

		boolean hasExpired(long nowNanos) {
			return nowNanos - this.deadlineNanos >= 0;
		}

	}

}
