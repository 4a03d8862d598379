package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A cache's shared tier as the cache calls it: every failure of Redis (timeout, refused
 * connection, open circuit, command error) is counted, logged at a limited rate and
 * answered with the value that lets the cache carry on with L1 and the caller's loader,
 * so that no Redis failure ever reaches a caller. Each method says what it answers on
 * failure; the asynchronous ones complete with that answer instead of failing.
 * Thread-safe.
 */
final class FailSafeRemote {

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(TieredCache.class),
			Duration.ofSeconds(10));

	private final String cacheName;

	private final @Nullable RemoteTier tier;

	private final CacheStatistics statistics;

	FailSafeRemote(String cacheName, @Nullable RemoteTier tier, CacheStatistics statistics) {
		this.cacheName = cacheName;
		this.tier = tier;
		this.statistics = statistics;
	}

	/**
	 * Returns the tier itself, for callers that handle its failures their own way.
	 * @return the tier, or {@code null} when the cache has none
	 */
	@Nullable RemoteTier tier() {
		return this.tier;
	}

	boolean present() {
		return this.tier != null;
	}

	/**
	 * Reads an entry; {@code null} when absent, without Redis, or on failure.
	 */
	@Nullable RemoteEntry get(String id) {
		return call("get", (l2) -> l2.get(id), null);
	}

	/**
	 * Reads an entry or takes the fill lease of an absent key, as
	 * {@link RemoteTier#getOrLease}; {@code null} without Redis or on failure.
	 */
	@Nullable RemoteLookup getOrLease(String id, Duration leaseTtl) {
		return call("get", (l2) -> l2.getOrLease(id, leaseTtl), null);
	}

	/**
	 * {@link #get} without waiting for Redis.
	 */
	CompletableFuture<@Nullable RemoteEntry> getAsync(String id) {
		return callAsync("get", (l2) -> l2.getAsync(id), null);
	}

	/**
	 * {@link #getOrLease} without waiting for Redis.
	 */
	CompletableFuture<@Nullable RemoteLookup> getOrLeaseAsync(String id, Duration leaseTtl) {
		return callAsync("get", (l2) -> l2.getOrLeaseAsync(id, leaseTtl), null);
	}

	/**
	 * {@link #fill} without waiting for Redis.
	 */
	CompletableFuture<Boolean> fillAsync(String id, Object stored, Duration ttl, String lease) {
		return callAsync("fill", (l2) -> l2.fillAsync(id, stored, ttl, lease), Boolean.TRUE);
	}

	/**
	 * {@link #release} without waiting for Redis: nobody needs to know when it is done.
	 */
	void releaseInBackground(String id, @Nullable String lease) {
		if (lease != null) {
			callAsync("release", (l2) -> l2.releaseAsync(id, lease), null);
		}
	}

	/**
	 * Writes an entry; on failure the entry is simply not in Redis.
	 */
	void put(String id, Object stored, Duration ttl) {
		call("put", (l2) -> {
			l2.put(id, stored, ttl);
			return null;
		}, null);
	}

	/**
	 * Writes an entry unless one is present, as {@link RemoteTier#putIfAbsent}.
	 * @return what happened, or {@code null} without Redis or on failure
	 */
	@Nullable Absence putIfAbsent(String id, Object stored, Duration ttl) {
		return call("putIfAbsent", (l2) -> new Absence(l2.putIfAbsent(id, stored, ttl)), null);
	}

	/**
	 * Takes a fill lease; {@code null} when another loader holds it, without Redis, or on
	 * failure.
	 */
	@Nullable String lease(String id, Duration ttl) {
		return call("lease", (l2) -> l2.lease(id, ttl), null);
	}

	/**
	 * Completes a fill, as {@link RemoteTier#fill}.
	 * @return {@code false} only when Redis says the key changed since the lease was
	 * taken; on failure {@code true}, leaving the decision to L1's own check
	 */
	boolean fill(String id, Object stored, Duration ttl, String lease) {
		return call("fill", (l2) -> l2.fill(id, stored, ttl, lease), Boolean.TRUE);
	}

	/**
	 * Gives a lease back; nothing without a lease or on failure (it expires).
	 */
	void release(String id, @Nullable String lease) {
		if (lease != null) {
			call("release", (l2) -> {
				l2.release(id, lease);
				return null;
			}, null);
		}
	}

	/**
	 * Removes an entry; {@code false} without Redis or on failure.
	 */
	boolean evict(String id) {
		return call("evict", (l2) -> l2.evict(id), Boolean.FALSE);
	}

	/**
	 * Removes the entries matching a glob; {@code 0} without Redis or on failure.
	 */
	long evictMatching(String glob) {
		return call("evictMatching", (l2) -> l2.evictMatching(glob), 0L);
	}

	/**
	 * Removes every entry of the cache; {@code false} without Redis or on failure.
	 */
	boolean clear() {
		return call("clear", RemoteTier::clear, Boolean.FALSE);
	}

	/**
	 * Counts and logs a failure of a call made on {@link #tier()} directly.
	 * @param operation what was asked, for the log
	 * @param ex the failure
	 */
	void failed(String operation, RuntimeException ex) {
		this.statistics.recordL2Error();
		failures.warnRedisFailure(
				"Redis " + operation + " failed for cache '" + this.cacheName + "'; continuing with L1", ex);
	}

	private <T extends @Nullable Object> T call(String operation, Function<RemoteTier, T> command, T onFailure) {
		RemoteTier l2 = this.tier;
		if (l2 == null) {
			return onFailure;
		}
		try {
			return command.apply(l2);
		}
		catch (RuntimeException ex) {
			failed(operation, ex);
			return onFailure;
		}
	}

	private <T extends @Nullable Object> CompletableFuture<T> callAsync(String operation,
			Function<RemoteTier, CompletableFuture<T>> command, T onFailure) {
		RemoteTier l2 = this.tier;
		if (l2 == null) {
			return CompletableFuture.completedFuture(onFailure);
		}
		CompletableFuture<T> pending;
		try {
			pending = command.apply(l2);
		}
		catch (RuntimeException ex) {
			failed(operation, ex);
			return CompletableFuture.completedFuture(onFailure);
		}
		return pending.handle((result, failure) -> {
			if (failure == null) {
				return result;
			}
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			failed(operation, (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause));
			return onFailure;
		});
	}

	/**
	 * What {@link #putIfAbsent} found.
	 *
	 * @param present the entry that was already there, or {@code null} when the value was
	 * written
	 */
	record Absence(@Nullable RemoteEntry present) {

	}

}
