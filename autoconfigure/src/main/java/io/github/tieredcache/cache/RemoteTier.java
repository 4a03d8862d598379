package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The shared tier (L2) of one cache, as seen by {@link TieredCache}. Implementations talk
 * to a remote store (Redis) and complete every write before returning. Keys arrive
 * already encoded by the cache's {@link KeyEncoder}.
 *
 * <p>
 * <strong>Fill leases.</strong> A value loaded after a miss is written with {@link #fill}
 * under a lease taken with {@link #lease} before loading. Every write, eviction and clear
 * removes the lease, so a loader that read its data before an invalidation can never
 * store that stale value after it (the scheme of memcache's leases). A lease expires on
 * its own, so a loader that dies never blocks others for longer than the lease's
 * time-to-live.
 *
 * <p>
 * <strong>Asynchronous reads and fills.</strong> {@link #getAsync},
 * {@link #getOrLeaseAsync}, {@link #fillAsync} and {@link #releaseAsync} serve
 * {@link TieredCache#retrieve} (reactive and {@code CompletableFuture} callers). Their
 * defaults run the blocking method on the caller's thread; a store with an asynchronous
 * client should override them so that no thread waits for it, and report failures by
 * completing the future exceptionally.
 *
 * <p>
 * Implementations must be thread-safe. Any method may throw a {@link RuntimeException}
 * when the store cannot be reached; {@link TieredCache} counts it, logs it at a limited
 * rate and carries on with L1 alone, so callers never see it. A stored value that cannot
 * be read back is not an error: implementations remove it and report a miss.
 */
public interface RemoteTier {

	/**
	 * How many entries one round trip of a bulk operation ({@link #putAll},
	 * {@link #evictAll}) carries at most.
	 */
	int BULK_BATCH_SIZE = 500;

	/**
	 * Reads the entry for a key.
	 * @param key the encoded cache key
	 * @return the entry, or {@code null} when absent, unreadable or only leased
	 */
	@Nullable RemoteEntry get(String key);

	/**
	 * Writes an entry, replacing any previous one (and any lease). A value that cannot be
	 * written (too large, not serializable) removes the previous entry instead, so the
	 * shared tier never keeps a stale value.
	 * @param key the encoded cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live
	 */
	void put(String key, Object value, Duration ttl);

	/**
	 * Writes several entries as {@link #put} would, but in as few round trips as the
	 * store allows (Redis: one pipeline per batch), for warming. The writes are not
	 * atomic together: when this method throws, some of them may have been applied.
	 * @param writes the entries to write
	 */
	default void putAll(List<RemoteWrite> writes) {
		for (RemoteWrite write : writes) {
			put(write.key(), write.value(), write.ttl());
		}
	}

	/**
	 * Atomically writes an entry unless a value is present; a lease does not count as a
	 * value and is replaced.
	 * @param key the encoded cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live if written
	 * @return the entry already present, or {@code null} if the value was written
	 */
	@Nullable RemoteEntry putIfAbsent(String key, Object value, Duration ttl);

	/**
	 * Takes the fill lease of an absent key, before loading its value.
	 * @param key the encoded cache key
	 * @param ttl how long the lease lives if its holder never fills or releases it
	 * @return the lease token, or {@code null} when the key holds a value or another
	 * loader's lease
	 */
	@Nullable String lease(String key, Duration ttl);

	/**
	 * Reads the entry for a key and, when the key is absent, takes its fill lease in the
	 * same step, so that a miss costs one round trip before the load. The default reads
	 * and then leases; a store that can do both atomically (Redis: one script on one key,
	 * which Redis Cluster runs on one node) should.
	 * @param key the encoded cache key
	 * @param leaseTtl how long the lease lives if its holder never fills or releases it
	 * @return the entry, or the lease taken, or neither
	 */
	default RemoteLookup getOrLease(String key, Duration leaseTtl) {
		RemoteEntry entry = get(key);
		if (entry != null) {
			return RemoteLookup.hit(entry);
		}
		String lease = lease(key, leaseTtl);
		return (lease != null) ? RemoteLookup.leased(lease) : RemoteLookup.leasedByAnother();
	}

	/**
	 * {@link #get} without waiting for the store. The default calls {@link #get} on the
	 * caller's thread.
	 * @param key the encoded cache key
	 * @return the entry, or {@code null} when absent, unreadable or only leased
	 */
	default CompletableFuture<@Nullable RemoteEntry> getAsync(String key) {
		return now(() -> get(key));
	}

	/**
	 * {@link #getOrLease} without waiting for the store. The default calls
	 * {@link #getOrLease} on the caller's thread.
	 * @param key the encoded cache key
	 * @param leaseTtl how long the lease lives if its holder never fills or releases it
	 * @return the entry, or the lease taken, or neither
	 */
	default CompletableFuture<RemoteLookup> getOrLeaseAsync(String key, Duration leaseTtl) {
		return now(() -> getOrLease(key, leaseTtl));
	}

	/**
	 * {@link #fill} without waiting for the store. The default calls {@link #fill} on the
	 * caller's thread.
	 * @param key the encoded cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live
	 * @param lease the token the lease carries
	 * @return whether the value was written
	 */
	default CompletableFuture<Boolean> fillAsync(String key, Object value, Duration ttl, String lease) {
		return now(() -> fill(key, value, ttl, lease));
	}

	/**
	 * {@link #release} without waiting for the store. The default calls {@link #release}
	 * on the caller's thread.
	 * @param key the encoded cache key
	 * @param lease the token the lease carries
	 * @return completes once the lease is given up or found gone
	 */
	default CompletableFuture<@Nullable Void> releaseAsync(String key, String lease) {
		return now(() -> {
			release(key, lease);
			return null;
		});
	}

	/**
	 * Writes a loaded value if the lease taken before loading is still in place.
	 * @param key the encoded cache key
	 * @param value the value, or {@code NullValue.INSTANCE}
	 * @param ttl the entry's time-to-live
	 * @param lease the token {@link #lease} returned
	 * @return whether the value was written; {@code false} means the key was written,
	 * evicted or cleared while loading (or the lease expired), so the value may be stale
	 */
	boolean fill(String key, Object value, Duration ttl, String lease);

	/**
	 * Replaces an entry with a refreshed value if it is still the entry read before the
	 * refresh started (same write and expiry time), so that a refresh never overwrites a
	 * newer write nor revives an evicted key.
	 * @param key the encoded cache key
	 * @param value the refreshed value, or {@code NullValue.INSTANCE}
	 * @param ttl the new entry's time-to-live
	 * @param expected the entry read before loading
	 * @return whether the value was written
	 */
	boolean replace(String key, Object value, Duration ttl, RemoteEntry expected);

	/**
	 * Gives a lease up (the load failed), so that other loaders need not wait for it to
	 * expire. Does nothing when the lease is no longer in place.
	 * @param key the encoded cache key
	 * @param lease the token {@link #lease} returned
	 */
	void release(String key, String lease);

	/**
	 * Removes the entry for a key, and any lease on it.
	 * @param key the encoded cache key
	 * @return whether a value was present
	 */
	boolean evict(String key);

	/**
	 * Removes the entries of several keys, and any leases on them, in as few round trips
	 * as the store allows.
	 * @param keys the encoded cache keys
	 */
	default void evictAll(Collection<String> keys) {
		for (String key : keys) {
			evict(key);
		}
	}

	/**
	 * Removes every entry whose encoded key matches a glob, without blocking the store
	 * for other clients.
	 * @param pattern a glob over encoded keys: {@code *}, {@code ?}, {@code [abc]}, with
	 * {@code \} escaping
	 * @return how many entries were removed
	 */
	long evictMatching(String pattern);

	/**
	 * Removes every entry of this cache, without blocking the store for other clients.
	 * @return whether any entry was present
	 */
	default boolean clear() {
		return evictMatching("*") > 0;
	}

	/**
	 * Runs a blocking call now and hands its outcome over as a future, for the default
	 * asynchronous methods.
	 * @param <T> the result type
	 * @param call the blocking call
	 * @return the completed or failed future
	 */
	private static <T extends @Nullable Object> CompletableFuture<T> now(Supplier<T> call) {
		try {
			return CompletableFuture.completedFuture(call.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
