package io.github.tieredcache.cache;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Invalidation counters for the keys of one cache, so that a value read before an
 * invalidation is never stored in L1 after it. A loader notes the counter of its key
 * before it reads; every write and invalidation advances it; the loader's L1 write only
 * happens if the counter has not moved.
 *
 * <p>
 * Keys share a fixed number of striped counters, so memory stays bounded whatever the
 * number of keys. Sharing only costs a skipped L1 write now and then (an invalidation of
 * one key also fails a concurrent load of another key on the same stripe), never a stale
 * value. Thread-safe.
 */
final class KeyGenerations {

	private static final int STRIPES = 4096;

	private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);

	/**
	 * Returns the current counter of a key.
	 * @param key the encoded key
	 * @return a token to pass to {@link #isCurrent(Object, long)}
	 */
	long current(Object key) {
		return this.stripes.get(stripe(key));
	}

	/**
	 * Returns whether nothing invalidated the key since the token was taken.
	 * @param key the encoded key
	 * @param token the token {@link #current(Object)} returned
	 * @return whether the key is unchanged
	 */
	boolean isCurrent(Object key, long token) {
		return this.stripes.get(stripe(key)) == token;
	}

	/**
	 * Marks a key as invalidated; call before removing it from L1.
	 * @param key the encoded key
	 */
	void advance(Object key) {
		this.stripes.incrementAndGet(stripe(key));
	}

	/**
	 * Marks every key as invalidated (a clear or a pattern invalidation).
	 */
	void advanceAll() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes.incrementAndGet(i);
		}
	}

	private static int stripe(Object key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & (STRIPES - 1);
	}

}
