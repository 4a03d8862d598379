package io.github.tieredcache.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The shared tier (L2) of one cache, as seen by {@link TieredCache}. Implementations talk
 * to a remote store (Redis) and complete every write before returning.
 *
 * <p>
 * Implementations must be thread-safe. Any method may throw a {@link RuntimeException}
 * when the store cannot be reached; {@link TieredCache} counts it, logs it at a limited
 * rate and carries on with L1 alone, so callers never see it. The exception is
 * {@link IllegalArgumentException}: it means the caller's key cannot be stored at all
 * (for example it has no stable string form) and reaches the caller with the fix in its
 * message. A stored value that cannot be read back is not an error: implementations
 * remove it and report a miss.
 */
public interface RemoteTier {

	/**
	 * Reads the entry for a key.
	 * @param key the cache key
	 * @return the entry, or {@code null} when absent or unreadable
	 */
	@Nullable RemoteEntry get(Object key);

	/**
	 * Writes an entry, replacing any previous one. A value that cannot be written (too
	 * large, not serializable) removes the previous entry instead, so the shared tier
	 * never keeps a stale value.
	 * @param key the cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live
	 */
	void put(Object key, Object value, Duration ttl);

	/**
	 * Atomically writes an entry unless one is present.
	 * @param key the cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live if written
	 * @return the entry already present, or {@code null} if the value was written
	 */
	@Nullable RemoteEntry putIfAbsent(Object key, Object value, Duration ttl);

	/**
	 * Removes the entry for a key.
	 * @param key the cache key
	 * @return whether an entry was present
	 */
	boolean evict(Object key);

	/**
	 * Removes every entry of this cache, without blocking the store for other clients.
	 * @return whether any entry was present
	 */
	boolean clear();

}
