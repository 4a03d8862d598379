package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
	 * it if it passes a test. When every caller has cancelled, the load is cancelled: the
	 * future the loader returned is cancelled, the lease released, nothing stored.
	 * @return the caller's own view of the shared load
	 */
	<T> CompletableFuture<@Nullable Object> loadAsync(String id, Supplier<CompletableFuture<T>> valueLoader,
			Duration ttl, Predicate<@Nullable Object> cacheable) {
		return this.loads.runAsync(id, () -> {
			ValueWrapper loadedMeanwhile = this.cache.peek(id);
			if (loadedMeanwhile != null) {
				return CompletableFuture.completedFuture(loadedMeanwhile.get());
			}
			long generation = this.generations.current(id);
			String lease = this.remote.lease(id, this.spec.leaseTtl());
			long start = System.nanoTime();
			CompletableFuture<T> source;
			try {
				source = valueLoader.get();
			}
			catch (RuntimeException | Error ex) {
				this.statistics.recordLoad(false, System.nanoTime() - start);
				this.remote.release(id, lease);
				throw ex;
			}
			CompletableFuture<@Nullable Object> filled = source.handle((value, failure) -> {
				this.statistics.recordLoad(failure == null, System.nanoTime() - start);
				if (failure != null) {
					this.remote.release(id, lease);
					throw (failure instanceof RuntimeException runtime) ? runtime : new CompletionException(failure);
				}
				fillIfCacheable(id, value, ttl, generation, lease, cacheable);
				return value;
			});
			filled.whenComplete((value, failure) -> {
				if (filled.isCancelled()) {
					source.cancel(false);
					this.remote.release(id, lease);
				}
			});
			return filled;
		});
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
		LocalTier l1 = this.local;
		if (l1 != null && !l1.putIf(id, TieredCache.wrap(stored), this.lifetimes.l1Ttl(entryTtl),
				this.lifetimes.refreshAfter(entryTtl), () -> this.generations.isCurrent(id, generation))) {
			this.statistics.recordStaleFillPrevented();
			return;
		}
		this.statistics.recordPut();
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
