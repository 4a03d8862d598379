package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.support.NullValue;

/**
 * Loads a cache's missing values and stores them without ever leaving a stale one: one
 * load per key in this JVM ({@link InFlightLoads}); the key's fill lease in Redis, taken
 * before loading, so that a write or invalidation made meanwhile on any instance makes
 * the fill fail there; the key's invalidation counter, checked atomically with the L1
 * write; with {@link SingleFlight#CLUSTER}, waiting for another instance's load instead
 * of repeating it. Also completes the fills of Spring's {@code @Cacheable} begun in a
 * {@link FillScope}. Thread-safe.
 *
 * <p>
 * Longer than most classes here: the blocking fill and the asynchronous one
 * ({@code AsyncLoad}) are two forms of one protocol (lease, load, check, store), kept
 * side by side so that a change to one is made to the other.
 */
final class FillCoordinator {

	private final TieredCache cache;

	private final CacheSpec spec;

	private final @Nullable LocalTier local;

	private final FailSafeRemote remote;

	private final CacheStatistics statistics;

	private final KeyGenerations generations;

	private final EntryLifetimes lifetimes;

	private final Ticker ticker;

	private final InFlightLoads loads = new InFlightLoads();

	FillCoordinator(TieredCache cache, @Nullable LocalTier local, FailSafeRemote remote, KeyGenerations generations,
			EntryLifetimes lifetimes, Ticker ticker) {
		this.cache = cache;
		this.spec = cache.spec();
		this.local = local;
		this.remote = remote;
		this.statistics = cache.statistics();
		this.generations = generations;
		this.lifetimes = lifetimes;
		this.ticker = ticker;
	}

	/**
	 * Reads a key L1 does not hold from L2, or loads it, once per key in this JVM: the
	 * leader's one round trip reads L2 and takes the fill lease on a miss; the value
	 * loaded is stored if it passes a test. Callers that arrive meanwhile wait for the
	 * leader's value, touching neither Redis nor the loader.
	 * @return the value, read or loaded here or by whoever came first
	 */
	<T> @Nullable Object load(String id, Object key, Callable<T> valueLoader, Duration ttl,
			Predicate<@Nullable Object> cacheable) {
		return this.loads.run(id, () -> {
			// One round trip reads L2 and, on a miss, takes the fill lease for the load
			long generation = this.generations.current(id);
			RemoteLookup found = this.cache.getFromRemoteOrLease(id, generation);
			RemoteEntry entry = (found != null) ? found.entry() : null;
			if (entry != null) {
				return (entry.value() instanceof NullValue) ? null : entry.value();
			}
			this.statistics.recordMiss();
			return loadAndFill(id, key, valueLoader, ttl, cacheable, found, generation);
		});
	}

	/**
	 * Starts loading a missing value asynchronously, once per key in this JVM, and stores
	 * it if it passes a test. No thread waits for Redis: the leader's read of L2 (which
	 * takes the fill lease on a miss), the load and the fill each start when the one
	 * before completes. When every caller has cancelled, the load is cancelled: the
	 * future the loader returned is cancelled, the lease released, nothing stored.
	 * @return the caller's own view of the shared load
	 */
	<T> CompletableFuture<@Nullable Object> loadAsync(String id, Supplier<CompletableFuture<T>> valueLoader,
			Duration ttl, Predicate<@Nullable Object> cacheable) {
		return this.loads.runAsync(id, () -> new AsyncLoad<>(id, valueLoader, ttl, cacheable).start());
	}

	/**
	 * Starts a fill for a miss inside a {@link FillScope}: claims the fill, as
	 * {@link #load} does before loading.
	 * @param found what the caller's read of L2 found, {@code null} when L2 is absent or
	 * failed
	 * @param generation the key's invalidation counter, read before that read
	 * @return the value another loader stored meanwhile, or {@code null} when the caller
	 * should load it
	 */
	@Nullable ValueWrapper begin(FillScope scope, String id, @Nullable RemoteLookup found, long generation) {
		FillClaim claim = claim(id, found);
		if (claim.value() != null) {
			this.statistics.recordL2Hit();
			return claim.value();
		}
		scope.begin(new FillScope.PendingFill(this.cache, id, generation, claim.lease(), System.nanoTime()));
		return null;
	}

	/**
	 * Completes a fill begun in a {@link FillScope} with the value its method returned.
	 */
	void complete(FillScope.PendingFill pending, Object stored, Duration ttl) {
		this.statistics.recordLoad(true, System.nanoTime() - pending.startNanos());
		fill(pending.id(), stored, ttl, pending.generation(), pending.lease());
	}

	/**
	 * Ends a fill its scope closed without a {@code put}: the method threw, or its result
	 * was not to be cached.
	 */
	void abandon(FillScope.PendingFill fill, boolean loaded) {
		this.remote.release(fill.id(), fill.lease());
		this.statistics.recordLoad(loaded, System.nanoTime() - fill.startNanos());
	}

	/**
	 * Calls the application's loader, timing it into the statistics.
	 * @throws ValueRetrievalException if the loader throws
	 */
	<T> @Nullable T timed(Object key, Callable<T> valueLoader) {
		long start = System.nanoTime();
		try {
			T value = valueLoader.call();
			this.statistics.recordLoad(true, System.nanoTime() - start);
			return value;
		}
		catch (Exception ex) {
			this.statistics.recordLoad(false, System.nanoTime() - start);
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
	}

	/**
	 * Loads a key the caller found missing in both tiers.
	 * @param found what the caller's read of L2 found: the lease it took, another
	 * loader's lease, nothing; {@code null} when L2 is absent or failed (load without
	 * filling it)
	 * @param generation the key's invalidation counter, read before that read
	 */
	private <T> @Nullable Object loadAndFill(String id, Object key, Callable<T> valueLoader, Duration ttl,
			Predicate<@Nullable Object> cacheable, @Nullable RemoteLookup found, long generation) {
		// A load that finished just before this one started has filled L1; one that
		// filled Redis made the caller's read find it or fail to lease, so Redis is not
		// asked twice on every miss
		LocalTier l1 = this.local;
		ValueWrapper loadedMeanwhile = (l1 != null) ? l1.get(id) : null;
		if (loadedMeanwhile != null) {
			if (found != null) {
				this.remote.release(id, found.lease());
			}
			return loadedMeanwhile.get();
		}
		FillClaim claim = claim(id, found);
		if (claim.value() != null) {
			return claim.value().get();
		}
		String lease = claim.lease();
		T value;
		try {
			value = timed(key, valueLoader);
		}
		catch (RuntimeException ex) {
			this.remote.release(id, lease);
			throw ex;
		}
		fillIfCacheable(id, value, ttl, generation, lease, cacheable);
		return value;
	}

	private void fillIfCacheable(String id, @Nullable Object value, Duration ttl, long generation,
			@Nullable String lease, Predicate<@Nullable Object> cacheable) {
		Object stored;
		try {
			if (!cacheable.test(value)) {
				this.remote.release(id, lease);
				return;
			}
			stored = this.cache.toStoredValue(value);
		}
		catch (RuntimeException ex) {
			// A null the cache does not store, or a test that failed: nothing to fill
			this.remote.release(id, lease);
			throw ex;
		}
		fill(id, stored, ttl, generation, lease);
	}

	/**
	 * Claims the fill after a read of L2 that may already have taken the lease: takes it
	 * now, or, when another loader holds it, reads or waits for that loader's value (see
	 * {@link #awaitOtherLoader}). Without Redis, or when Redis failed, neither: load
	 * without filling Redis.
	 */
	private FillClaim claim(String id, @Nullable RemoteLookup found) {
		RemoteTier l2 = this.remote.tier();
		if (l2 == null || found == null) {
			return FillClaim.NEITHER;
		}
		if (found.lease() != null) {
			return new FillClaim(null, found.lease());
		}
		try {
			if (found.heldByAnother()) {
				return awaitOtherLoader(l2, id);
			}
			String lease = l2.lease(id, this.spec.leaseTtl());
			return (lease != null) ? new FillClaim(null, lease) : awaitOtherLoader(l2, id);
		}
		catch (RuntimeException ex) {
			this.remote.failed("lease", ex);
			return FillClaim.NEITHER;
		}
	}

	/**
	 * Called when the lease is taken: either the key holds a value by now (read it) or
	 * another loader holds the lease. With {@link SingleFlight#CLUSTER}, waits for that
	 * loader's value, taking the lease over if it is released or expires (its holder
	 * failed or died), until {@code single-flight-wait} runs out. The deadline is read
	 * from the manager's ticker; the pauses between two looks at Redis are real ones,
	 * since they wait for another instance.
	 */
	private FillClaim awaitOtherLoader(RemoteTier l2, String id) {
		ValueWrapper present = this.cache.readRemote(id);
		if (present != null || this.spec.singleFlight() != SingleFlight.CLUSTER) {
			return new FillClaim(present, null);
		}
		long deadline = this.ticker.read() + this.spec.singleFlightWait().toNanos();
		long pauseMillis = 2;
		while (this.ticker.read() - deadline < 0) {
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			present = this.cache.readRemote(id);
			if (present != null) {
				return new FillClaim(present, null);
			}
			String lease = l2.lease(id, this.spec.leaseTtl());
			if (lease != null) {
				return new FillClaim(null, lease);
			}
			pauseMillis = Math.min(pauseMillis * 2, 50);
		}
		return FillClaim.NEITHER;
	}

	private void fill(String id, Object stored, Duration ttl, long generation, @Nullable String lease) {
		Duration entryTtl = this.lifetimes.entryTtl(stored, ttl);
		if (lease != null && !this.remote.fill(id, stored, entryTtl, lease)) {
			this.statistics.recordStaleFillPrevented();
			return;
		}
		fillLocal(id, stored, entryTtl, generation);
	}

	/**
	 * The second half of a fill, once Redis took the value (or was not asked): L1, unless
	 * the key was invalidated since its generation was read.
	 */
	private void fillLocal(String id, Object stored, Duration entryTtl, long generation) {
		LocalTier l1 = this.local;
		if (l1 != null && !l1.putIf(id, TieredCache.wrap(stored), this.lifetimes.l1Ttl(entryTtl),
				this.lifetimes.refreshAfter(entryTtl), () -> this.generations.isCurrent(id, generation))) {
			this.statistics.recordStaleFillPrevented();
			return;
		}
		this.statistics.recordPut();
	}

	/**
	 * One asynchronous load, run by the leader of its key: reads L2 or takes the lease,
	 * claims the fill when another loader holds it, loads, fills. Each step starts when
	 * the one before completes, on whichever thread completed it (Lettuce's, or the
	 * loader's). Cancelling {@link #outcome} stops it where it is: the loader's future is
	 * cancelled and the lease released.
	 */
	private final class AsyncLoad<T> {

		private final String id;

		private final Supplier<CompletableFuture<T>> valueLoader;

		private final Duration ttl;

		private final Predicate<@Nullable Object> cacheable;

		private final CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();

		private volatile @Nullable String lease;

		private volatile @Nullable CompletableFuture<T> source;

		AsyncLoad(String id, Supplier<CompletableFuture<T>> valueLoader, Duration ttl,
				Predicate<@Nullable Object> cacheable) {
			this.id = id;
			this.valueLoader = valueLoader;
			this.ttl = ttl;
			this.cacheable = cacheable;
		}

		CompletableFuture<@Nullable Object> start() {
			this.outcome.whenComplete((value, failure) -> {
				if (this.outcome.isCancelled()) {
					abandon();
				}
			});
			LocalTier l1 = FillCoordinator.this.local;
			ValueWrapper loadedMeanwhile = (l1 != null) ? l1.get(this.id) : null;
			if (loadedMeanwhile != null) {
				this.outcome.complete(loadedMeanwhile.get());
				return this.outcome;
			}
			long generation = FillCoordinator.this.generations.current(this.id);
			FillCoordinator.this.cache.getFromRemoteOrLeaseAsync(this.id, generation).whenComplete((found, failure) -> {
				// Held before anything else, so that a load cancelled meanwhile gives it
				// back
				holdLease((found != null) ? found.lease() : null);
				step(failure, () -> afterLookup(found, generation));
			});
			return this.outcome;
		}

		private void afterLookup(@Nullable RemoteLookup found, long generation) {
			RemoteEntry entry = (found != null) ? found.entry() : null;
			if (entry != null) {
				this.outcome.complete((entry.value() instanceof NullValue) ? null : entry.value());
				return;
			}
			FillCoordinator.this.statistics.recordMiss();
			claimAsync(this.id, found, this.outcome).whenComplete((claim, failure) -> {
				holdLease((claim != null) ? claim.lease() : null);
				step(failure, () -> afterClaim(claim, generation));
			});
		}

		private void afterClaim(FillClaim claim, long generation) {
			ValueWrapper claimed = claim.value();
			if (claimed != null) {
				this.outcome.complete(claimed.get());
				return;
			}
			// A load that finished just before this one started has filled L1
			LocalTier l1 = FillCoordinator.this.local;
			ValueWrapper loadedMeanwhile = (l1 != null) ? l1.get(this.id) : null;
			if (loadedMeanwhile != null) {
				releaseLease();
				this.outcome.complete(loadedMeanwhile.get());
				return;
			}
			load(generation);
		}

		private void load(long generation) {
			long start = System.nanoTime();
			CompletableFuture<T> loading;
			try {
				loading = this.valueLoader.get();
			}
			catch (RuntimeException | Error ex) {
				FillCoordinator.this.statistics.recordLoad(false, System.nanoTime() - start);
				releaseLease();
				this.outcome.completeExceptionally(ex);
				return;
			}
			this.source = loading;
			if (this.outcome.isCancelled()) {
				loading.cancel(false);
			}
			loading.whenComplete((value, failure) -> {
				FillCoordinator.this.statistics.recordLoad(failure == null, System.nanoTime() - start);
				if (failure != null) {
					releaseLease();
					this.outcome.completeExceptionally(failure);
					return;
				}
				step(null, () -> fill(value, generation));
			});
		}

		private void fill(@Nullable Object value, long generation) {
			Object stored;
			try {
				if (!this.cacheable.test(value)) {
					releaseLease();
					this.outcome.complete(value);
					return;
				}
				stored = FillCoordinator.this.cache.toStoredValue(value);
			}
			catch (RuntimeException ex) {
				// A null the cache does not store, or a test that failed: nothing to fill
				releaseLease();
				throw ex;
			}
			Duration entryTtl = FillCoordinator.this.lifetimes.entryTtl(stored, this.ttl);
			String held = this.lease;
			CompletableFuture<Boolean> written = (held != null)
					? FillCoordinator.this.remote.fillAsync(this.id, stored, entryTtl, held)
					: CompletableFuture.completedFuture(Boolean.TRUE);
			written.whenComplete((filled, failure) -> step(failure, () -> {
				this.lease = null;
				if (Boolean.TRUE.equals(filled)) {
					fillLocal(this.id, stored, entryTtl, generation);
				}
				else {
					FillCoordinator.this.statistics.recordStaleFillPrevented();
				}
				this.outcome.complete(value);
			}));
		}

		/**
		 * Runs the next step unless the load failed or was cancelled meanwhile; a step
		 * that throws fails the load.
		 */
		private void step(@Nullable Throwable failure, Runnable next) {
			if (failure != null) {
				releaseLease();
				this.outcome.completeExceptionally(failure);
				return;
			}
			if (this.outcome.isDone()) {
				return;
			}
			try {
				next.run();
			}
			catch (RuntimeException | Error ex) {
				releaseLease();
				this.outcome.completeExceptionally(ex);
			}
		}

		private void holdLease(@Nullable String taken) {
			if (taken == null) {
				return;
			}
			this.lease = taken;
			if (this.outcome.isDone()) {
				releaseLease();
			}
		}

		private void releaseLease() {
			String held = this.lease;
			this.lease = null;
			FillCoordinator.this.remote.releaseInBackground(this.id, held);
		}

		private void abandon() {
			CompletableFuture<T> loading = this.source;
			if (loading != null) {
				loading.cancel(false);
			}
			releaseLease();
		}

	}

	/**
	 * {@link #claim} without waiting for Redis: with {@link SingleFlight#CLUSTER}, the
	 * looks at another loader's progress are spaced by delays on the JDK's timer rather
	 * than by a sleeping thread, and stop once {@code until} is done.
	 */
	private CompletableFuture<FillClaim> claimAsync(String id, @Nullable RemoteLookup found,
			CompletableFuture<?> until) {
		if (this.remote.tier() == null || found == null) {
			return CompletableFuture.completedFuture(FillClaim.NEITHER);
		}
		if (found.lease() != null) {
			return CompletableFuture.completedFuture(new FillClaim(null, found.lease()));
		}
		if (!found.heldByAnother()) {
			// The entry was unreadable and has been removed: look again, leasing if
			// absent
			return lookAgain(id, FillClaim.NEITHER);
		}
		if (this.spec.singleFlight() != SingleFlight.CLUSTER) {
			return this.cache.readRemoteAsync(id).thenApply((present) -> new FillClaim(present, null));
		}
		long deadline = this.ticker.read() + this.spec.singleFlightWait().toNanos();
		CompletableFuture<FillClaim> claimed = new CompletableFuture<>();
		pollOtherLoader(id, deadline, 2, until, claimed);
		return claimed;
	}

	private void pollOtherLoader(String id, long deadline, long pauseMillis, CompletableFuture<?> until,
			CompletableFuture<FillClaim> claimed) {
		lookAgain(id, null).whenComplete((claim, failure) -> {
			if (failure != null) {
				claimed.completeExceptionally(failure);
			}
			else if (claim != null) {
				claimed.complete(claim);
			}
			else if (until.isDone() || this.ticker.read() - deadline >= 0) {
				claimed.complete(FillClaim.NEITHER);
			}
			else {
				CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS)
					.execute(() -> pollOtherLoader(id, deadline, Math.min(pauseMillis * 2, 50), until, claimed));
			}
		});
	}

	/**
	 * One more look at L2 that takes the lease if the key is absent.
	 * @param stillHeld what to answer when another loader still holds the lease
	 */
	private CompletableFuture<@Nullable FillClaim> lookAgain(String id, @Nullable FillClaim stillHeld) {
		long generation = this.generations.current(id);
		return this.remote.getOrLeaseAsync(id, this.spec.leaseTtl()).thenApply((found) -> {
			if (found == null) {
				return FillClaim.NEITHER;
			}
			RemoteEntry entry = found.entry();
			if (entry != null) {
				ValueWrapper present = TieredCache.wrap(entry.value());
				this.cache.fillLocal(id, present, entry, generation);
				return new FillClaim(present, null);
			}
			return (found.lease() != null) ? new FillClaim(null, found.lease()) : stillHeld;
		});
	}

	/**
	 * What claiming a fill gave: a value another loader stored, or the lease to load
	 * ourselves, or neither (no Redis, Redis failed, or the wait for another loader ran
	 * out: load without filling Redis).
	 */
	private record FillClaim(@Nullable ValueWrapper value, @Nullable String lease) {

		static final FillClaim NEITHER = new FillClaim(null, null);

	}

}
