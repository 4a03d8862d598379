package io.github.tieredcache.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache.ValueWrapper;

/**
 * The in-process tier (L1): a size-bounded Caffeine cache in which every entry carries
 * its own expiry, so an entry filled from Redis lives no longer than it has left there.
 *
 * <p>
 * Entries are stored as the {@link ValueWrapper} handed back to callers, so an L1 hit
 * allocates nothing. Thread-safe.
 */
public final class LocalTier {

	private final Cache<Object, ValueWrapper> cache;

	private final VarExpiration<Object, ValueWrapper> expiration;

	private final Duration maxTtl;

	/**
	 * Creates an L1 tier.
	 * @param maxSize the maximum number of entries
	 * @param maxTtl the longest time an entry may live
	 * @param ticker the time source (tests pass a fake one to move time)
	 */
	public LocalTier(long maxSize, Duration maxTtl, Ticker ticker) {
		this.maxTtl = maxTtl;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfter(Expiry.<Object, ValueWrapper>writing((key, value) -> maxTtl))
			.ticker(ticker)
			.build();
		this.expiration = this.cache.policy()
			.expireVariably()
			.orElseThrow(() -> new IllegalStateException("Caffeine cache without variable expiration"));
	}

	/**
	 * Returns the live entry for the key.
	 * @param key the key
	 * @return the entry, or {@code null} when absent or expired
	 */
	public @Nullable ValueWrapper get(Object key) {
		return this.cache.getIfPresent(key);
	}

	/**
	 * Stores an entry for at most the given time, capped by this tier's maximum TTL. A
	 * non-positive TTL stores nothing (the entry is already expired) and removes any
	 * previous entry.
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 */
	public void put(Object key, ValueWrapper value, Duration ttl) {
		Duration capped = cap(ttl);
		if (capped.isZero()) {
			this.cache.invalidate(key);
			return;
		}
		this.expiration.put(key, value, capped);
	}

	/**
	 * Stores an entry unless one is present.
	 * @param key the key
	 * @param value the entry
	 * @param ttl how long the entry may live
	 * @return the present entry, or {@code null} if the given one was stored
	 */
	public @Nullable ValueWrapper putIfAbsent(Object key, ValueWrapper value, Duration ttl) {
		Duration capped = cap(ttl);
		if (capped.isZero()) {
			return this.cache.getIfPresent(key);
		}
		return this.expiration.putIfAbsent(key, value, capped);
	}

	/**
	 * Removes the entry for the key.
	 * @param key the key
	 * @return whether an entry was present
	 */
	public boolean remove(Object key) {
		return this.cache.asMap().remove(key) != null;
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
	public Cache<Object, ValueWrapper> nativeCache() {
		return this.cache;
	}

	private Duration cap(Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			return Duration.ZERO;
		}
		return (ttl.compareTo(this.maxTtl) < 0) ? ttl : this.maxTtl;
	}

}
