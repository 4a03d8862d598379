package io.github.tieredcache.cache.resilience;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.cache.RemoteLookup;
import io.github.tieredcache.cache.RemoteTier;
import io.github.tieredcache.cache.RemoteValueCounters;
import io.github.tieredcache.cache.RemoteWrite;
import org.jspecify.annotations.Nullable;

/**
 * The shared tier of one cache behind its manager's {@link RemoteTierGuard}.
 *
 * <p>
 * When a call may not try Redis (the breaker is open, or this cache still has
 * invalidations to replay) it <em>short-circuits</em>: it returns what an empty,
 * unreachable tier would return, without an exception, so the cache neither logs nor
 * counts it as an error. Reads miss; {@link #lease} grants a local lease, so the load
 * goes ahead and its value stays in L1 only; writes and evictions are remembered as
 * invalidations to replay. A call that tries Redis and fails still throws, after its
 * invalidation has been remembered, so the cache counts and logs the failure as before.
 *
 * <p>
 * While invalidations are waiting, every call of this cache short-circuits, so no read
 * can see a value this instance has already invalidated; the replay runs on the guard's
 * thread and ends the wait.
 *
 * <p>
 * Thread-safe.
 */
final class GuardedRemoteTier implements RemoteTier {

	/**
	 * The lease granted while Redis is not tried: never written to Redis, and different
	 * from every token Redis leases carry (hexadecimal).
	 */
	static final String LOCAL_LEASE = "~local";

	private final String cacheName;

	private final RemoteTier delegate;

	private final L2StatusRecorder status;

	private final ReplayScheduler replays;

	private final PendingInvalidations pending;

	private final AtomicBoolean replayScheduled = new AtomicBoolean();

	private final RemoteValueCounters counters;

	GuardedRemoteTier(String cacheName, RemoteTier delegate, L2StatusRecorder status, ReplayScheduler replays,
			int maxPendingInvalidations, RemoteValueCounters counters) {
		this.cacheName = cacheName;
		this.counters = counters;
		this.delegate = delegate;
		this.status = status;
		this.replays = replays;
		this.pending = new PendingInvalidations(maxPendingInvalidations);
	}

	@Override
	public @Nullable RemoteEntry get(String key) {
		return admitted() ? call(() -> this.delegate.get(key), null) : null;
	}

	@Override
	public void put(String key, Object value, Duration ttl) {
		if (!admitted()) {
			remember(() -> this.pending.key(key));
			return;
		}
		call(() -> {
			this.delegate.put(key, value, ttl);
			return null;
		}, () -> this.pending.key(key));
	}

	/**
	 * Bulk writes are fills (warming): when Redis is not tried they are dropped, not
	 * remembered, since whatever Redis still holds for those keys was never invalidated.
	 * Each batch of {@value RemoteTier#BULK_BATCH_SIZE} is one call for the breaker, so a
	 * large warm-up counts as many ordinary calls rather than one slow one.
	 */
	@Override
	public void putAll(List<RemoteWrite> writes) {
		for (int from = 0; from < writes.size(); from += BULK_BATCH_SIZE) {
			List<RemoteWrite> batch = writes.subList(from, Math.min(writes.size(), from + BULK_BATCH_SIZE));
			if (!admitted()) {
				return;
			}
			call(() -> {
				this.delegate.putAll(batch);
				return null;
			}, null);
		}
	}

	@Override
	public @Nullable RemoteEntry putIfAbsent(String key, Object value, Duration ttl) {
		if (!admitted()) {
			// Another instance may have written the key: drop whatever Redis holds once
			// it is back, so that nobody keeps reading a value this instance overrode
			remember(() -> this.pending.key(key));
			return null;
		}
		return call(() -> this.delegate.putIfAbsent(key, value, ttl), () -> this.pending.key(key));
	}

	@Override
	public @Nullable String lease(String key, Duration ttl) {
		if (!admitted()) {
			return LOCAL_LEASE;
		}
		return call(() -> this.delegate.lease(key, ttl), null);
	}

	/**
	 * When Redis is not tried: a miss with a local lease, as {@link #get} and
	 * {@link #lease} answer one by one.
	 */
	@Override
	public RemoteLookup getOrLease(String key, Duration leaseTtl) {
		if (!admitted()) {
			return RemoteLookup.leased(LOCAL_LEASE);
		}
		RemoteLookup found = call(() -> this.delegate.getOrLease(key, leaseTtl), null);
		return (found != null) ? found : RemoteLookup.absent();
	}

	@Override
	public boolean fill(String key, Object value, Duration ttl, String lease) {
		if (LOCAL_LEASE.equals(lease) || !admitted()) {
			// Keep the value in L1: TieredCache's own invalidation counters still stop a
			// stale fill there
			return true;
		}
		Boolean filled = call(() -> this.delegate.fill(key, value, ttl, lease), null);
		return Boolean.TRUE.equals(filled);
	}

	@Override
	public CompletableFuture<@Nullable RemoteEntry> getAsync(String key) {
		if (!admitted()) {
			return CompletableFuture.completedFuture(null);
		}
		return callAsync(() -> this.delegate.getAsync(key));
	}

	@Override
	public CompletableFuture<RemoteLookup> getOrLeaseAsync(String key, Duration leaseTtl) {
		if (!admitted()) {
			return CompletableFuture.completedFuture(RemoteLookup.leased(LOCAL_LEASE));
		}
		return callAsync(() -> this.delegate.getOrLeaseAsync(key, leaseTtl))
			.thenApply((found) -> (found != null) ? found : RemoteLookup.absent());
	}

	@Override
	public CompletableFuture<Boolean> fillAsync(String key, Object value, Duration ttl, String lease) {
		if (LOCAL_LEASE.equals(lease) || !admitted()) {
			return CompletableFuture.completedFuture(Boolean.TRUE);
		}
		return callAsync(() -> this.delegate.fillAsync(key, value, ttl, lease)).thenApply(Boolean.TRUE::equals);
	}

	@Override
	public CompletableFuture<@Nullable Void> releaseAsync(String key, String lease) {
		if (LOCAL_LEASE.equals(lease) || !admitted()) {
			return CompletableFuture.completedFuture(null);
		}
		return callAsync(() -> this.delegate.releaseAsync(key, lease));
	}

	@Override
	public boolean replace(String key, Object value, Duration ttl, RemoteEntry expected) {
		if (!admitted()) {
			return false;
		}
		Boolean replaced = call(() -> this.delegate.replace(key, value, ttl, expected), null);
		return Boolean.TRUE.equals(replaced);
	}

	@Override
	public void release(String key, String lease) {
		if (LOCAL_LEASE.equals(lease) || !admitted()) {
			// A Redis lease left in place expires on its own
			return;
		}
		call(() -> {
			this.delegate.release(key, lease);
			return null;
		}, null);
	}

	@Override
	public boolean evict(String key) {
		if (!admitted()) {
			remember(() -> this.pending.key(key));
			return false;
		}
		Boolean present = call(() -> this.delegate.evict(key), () -> this.pending.key(key));
		return Boolean.TRUE.equals(present);
	}

	@Override
	public void evictAll(Collection<String> keys) {
		if (!admitted()) {
			remember(() -> keys.forEach(this.pending::key));
			return;
		}
		call(() -> {
			this.delegate.evictAll(keys);
			return null;
		}, () -> keys.forEach(this.pending::key));
	}

	@Override
	public long evictMatching(String pattern) {
		if (!admitted()) {
			remember(() -> this.pending.pattern(pattern));
			return 0;
		}
		Long removed = call(() -> this.delegate.evictMatching(pattern), () -> this.pending.pattern(pattern));
		return (removed != null) ? removed : 0;
	}

	@Override
	public boolean clear() {
		if (!admitted()) {
			remember(this.pending::all);
			return false;
		}
		Boolean present = call(this.delegate::clear, this.pending::all);
		return Boolean.TRUE.equals(present);
	}

	int pendingInvalidations() {
		return this.pending.size();
	}

	/**
	 * Replays what is waiting, on the guard's thread; reschedules itself until nothing is
	 * left.
	 */
	void replay() {
		if (this.pending.isEmpty()) {
			this.replayScheduled.set(false);
			if (!this.pending.isEmpty()) {
				scheduleReplay();
			}
			return;
		}
		if (!this.status.tryAcquirePermission(false)) {
			this.replays.schedule(this::replay, this.replays.retryInterval());
			return;
		}
		PendingInvalidations.Batch batch = this.pending.drain();
		long start = System.nanoTime();
		try {
			batch.applyTo(this.delegate);
		}
		catch (RuntimeException ex) {
			this.status.onError(System.nanoTime() - start, ex);
			this.pending.failed(batch);
			this.replays.schedule(this::replay, this.replays.retryInterval());
			return;
		}
		this.status.onSuccess(System.nanoTime() - start);
		this.pending.replayed();
		this.status.replayed(this.cacheName, batch);
		// Other instances may have read the old values from Redis before the replay
		batch.invalidations(this.cacheName).forEach(this.counters::recordReplayedInvalidation);
		this.replays.schedule(this::replay, Duration.ZERO);
	}

	private boolean admitted() {
		if (!this.pending.isEmpty()) {
			this.status.recordShortCircuit();
			return false;
		}
		return this.status.tryAcquirePermission(true);
	}

	private void remember(Runnable invalidation) {
		invalidation.run();
		scheduleReplay();
	}

	private void scheduleReplay() {
		if (this.replayScheduled.compareAndSet(false, true)) {
			this.replays.schedule(this::replay, Duration.ZERO);
		}
	}

	private <T> @Nullable T call(Supplier<@Nullable T> operation, @Nullable Runnable onFailure) {
		long start = System.nanoTime();
		T result;
		try {
			result = operation.get();
		}
		catch (RuntimeException ex) {
			this.status.onError(System.nanoTime() - start, ex);
			if (onFailure != null) {
				remember(onFailure);
			}
			throw ex;
		}
		this.status.onSuccess(System.nanoTime() - start);
		return result;
	}

	/**
	 * As {@link #call}, for a call whose outcome arrives later: the breaker hears of it
	 * when the future completes.
	 */
	private <T> CompletableFuture<T> callAsync(Supplier<CompletableFuture<T>> operation) {
		long start = System.nanoTime();
		CompletableFuture<T> pending;
		try {
			pending = operation.get();
		}
		catch (RuntimeException ex) {
			this.status.onError(System.nanoTime() - start, ex);
			return CompletableFuture.failedFuture(ex);
		}
		return pending.whenComplete((result, failure) -> {
			if (failure == null) {
				this.status.onSuccess(System.nanoTime() - start);
			}
			else {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				this.status.onError(System.nanoTime() - start,
						(cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause));
			}
		});
	}

	@Override
	public String toString() {
		return "Guarded" + this.delegate;
	}

}
