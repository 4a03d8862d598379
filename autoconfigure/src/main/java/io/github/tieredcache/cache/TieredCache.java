package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * A Spring {@link Cache} that reads the in-process tier (L1) first, then the shared tier
 * (L2), then the caller's loader; an L2 hit fills L1 for the time the entry has left in
 * L2, capped by the L1 TTL. Writes, evictions and clears reach both tiers, L2 first, and
 * have completed in L2 when the method returns.
 *
 * <p>
 * The shared tier never makes a cache call fail: when it cannot be reached, reads fall
 * through to the loader and writes keep L1 up to date; each failure is counted in
 * {@link #statistics()} and logged at a limited rate. Concurrent
 * {@link #get(Object, Callable)} calls for one key run the loader once in this JVM.
 *
 * <p>
 * {@code null} values follow Spring's rules: when the cache stores nulls they are kept as
 * {@link NullValue#INSTANCE} with their own (usually shorter) TTL; when it does not,
 * {@link #put(Object, Object) put(key, null)} is rejected with an
 * {@link IllegalArgumentException}.
 *
 * <p>
 * Thread-safe. Create instances through {@link TieredCacheManager}.
 */
public final class TieredCache implements Cache {

	private static final ValueWrapper NULL_WRAPPER = new SimpleValueWrapper(null);

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(TieredCache.class),
			Duration.ofSeconds(10));

	private final CacheSpec spec;

	private final @Nullable LocalTier local;

	private final @Nullable RemoteTier remote;

	private final CacheStatistics statistics;

	private final Clock clock;

	private final InFlightLoads loads = new InFlightLoads();

	/**
	 * Creates a cache over the given tiers.
	 * @param spec the cache's settings
	 * @param local the in-process tier, or {@code null} for none
	 * @param remote the shared tier, or {@code null} for none
	 * @param statistics the counters to update
	 * @param clock the wall clock used to compute how long an L2 entry has left
	 */
	public TieredCache(CacheSpec spec, @Nullable LocalTier local, @Nullable RemoteTier remote,
			CacheStatistics statistics, Clock clock) {
		if (local == null && remote == null) {
			throw new IllegalArgumentException("Cache '" + spec.name() + "' needs at least one tier");
		}
		this.spec = spec;
		this.local = local;
		this.remote = remote;
		this.statistics = statistics;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return this.spec.name();
	}

	/**
	 * Returns the L1 Caffeine cache when this cache has one, otherwise the shared tier.
	 * @return the native cache
	 */
	@Override
	public Object getNativeCache() {
		return (this.local != null) ? this.local.nativeCache() : Objects.requireNonNull(this.remote);
	}

	/**
	 * Returns this cache's settings.
	 * @return the spec
	 */
	public CacheSpec spec() {
		return this.spec;
	}

	/**
	 * Returns this cache's live counters.
	 * @return the statistics
	 */
	public CacheStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Returns the in-process tier.
	 * @return L1, or {@code null} when this cache has none
	 */
	public @Nullable LocalTier localTier() {
		return this.local;
	}

	/**
	 * Returns the shared tier.
	 * @return L2, or {@code null} when this cache has none
	 */
	public @Nullable RemoteTier remoteTier() {
		return this.remote;
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		LocalTier l1 = this.local;
		if (l1 != null) {
			ValueWrapper hit = l1.get(key);
			if (hit != null) {
				this.statistics.recordL1Hit();
				return hit;
			}
			this.statistics.recordL1Miss();
		}
		ValueWrapper fromL2 = getFromRemote(key, true);
		if (fromL2 == null) {
			this.statistics.recordMiss();
		}
		return fromL2;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		ValueWrapper wrapper = get(key);
		Object value = (wrapper != null) ? wrapper.get() : null;
		if (value != null && type != null && !type.isInstance(value)) {
			throw new IllegalStateException("Cache '" + getName() + "' holds a " + value.getClass().getName()
					+ " for this key, not the required " + type.getName());
		}
		return (T) value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		ValueWrapper wrapper = get(key);
		if (wrapper != null) {
			return (T) wrapper.get();
		}
		return (T) this.loads.run(key, () -> {
			ValueWrapper loadedMeanwhile = peek(key);
			if (loadedMeanwhile != null) {
				return loadedMeanwhile.get();
			}
			T value = load(key, valueLoader);
			put(key, value);
			return value;
		});
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		ValueWrapper wrapper = get(key);
		if (wrapper == null) {
			return null;
		}
		return CompletableFuture.completedFuture(this.spec.cacheNullValues() ? wrapper : wrapper.get());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		ValueWrapper wrapper = get(key);
		if (wrapper != null) {
			return CompletableFuture.completedFuture((T) wrapper.get());
		}
		CompletableFuture<@Nullable Object> loaded = this.loads.runAsync(key, () -> {
			ValueWrapper loadedMeanwhile = peek(key);
			return (loadedMeanwhile != null) ? CompletableFuture.completedFuture(loadedMeanwhile.get())
					: loadAsync(key, valueLoader);
		});
		// Each caller gets its own future: one caller's cancel() or orTimeout() must not
		// fail the others
		return (CompletableFuture<T>) loaded.copy();
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		put(key, value, this.spec.ttl());
	}

	/**
	 * Writes a value with its own time-to-live, for callers that override the cache's TTL
	 * per method.
	 * @param key the key
	 * @param value the value, {@code null} only when this cache stores nulls
	 * @param ttl how long the entry lives in L2; L1 keeps it no longer than its own TTL
	 */
	public void put(Object key, @Nullable Object value, Duration ttl) {
		Object stored = toStoredValue(value);
		Duration entryTtl = entryTtl(stored, (ttl.compareTo(CacheSpec.MAX_TTL) > 0) ? CacheSpec.MAX_TTL : ttl);
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				l2.put(key, stored, entryTtl);
			}
			catch (RuntimeException ex) {
				remoteFailed("put", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.put(key, wrap(stored), l1Ttl(entryTtl));
		}
		this.statistics.recordPut();
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Object stored = toStoredValue(value);
		Duration entryTtl = entryTtl(stored, this.spec.ttl());
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(key) : null;
		if (inL1 != null) {
			return inL1;
		}
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				RemoteEntry present = l2.putIfAbsent(key, stored, entryTtl);
				if (present != null) {
					ValueWrapper existing = wrap(present.value());
					if (l1 != null) {
						l1.put(key, existing, remaining(present));
					}
					return existing;
				}
				if (l1 != null) {
					l1.put(key, wrap(stored), l1Ttl(entryTtl));
				}
				this.statistics.recordPut();
				return null;
			}
			catch (RuntimeException ex) {
				remoteFailed("putIfAbsent", ex);
			}
		}
		if (l1 == null) {
			return null;
		}
		ValueWrapper existing = l1.putIfAbsent(key, wrap(stored), l1Ttl(entryTtl));
		if (existing == null) {
			this.statistics.recordPut();
		}
		return existing;
	}

	@Override
	public void evict(Object key) {
		evictIfPresent(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		boolean present = false;
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				present = l2.evict(key);
			}
			catch (RuntimeException ex) {
				remoteFailed("evict", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			present |= l1.remove(key);
		}
		this.statistics.recordEviction();
		return present;
	}

	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		boolean present = false;
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				present = l2.clear();
			}
			catch (RuntimeException ex) {
				remoteFailed("clear", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			present |= l1.clear();
		}
		this.statistics.recordEviction();
		return present;
	}

	private @Nullable ValueWrapper peek(Object key) {
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(key) : null;
		return (inL1 != null) ? inL1 : getFromRemote(key, false);
	}

	private @Nullable ValueWrapper getFromRemote(Object key, boolean record) {
		RemoteTier l2 = this.remote;
		if (l2 == null) {
			return null;
		}
		RemoteEntry entry;
		try {
			entry = l2.get(key);
		}
		catch (RuntimeException ex) {
			remoteFailed("get", ex);
			entry = null;
		}
		if (entry == null) {
			if (record) {
				this.statistics.recordL2Miss();
			}
			return null;
		}
		if (record) {
			this.statistics.recordL2Hit();
		}
		ValueWrapper wrapper = wrap(entry.value());
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.put(key, wrapper, remaining(entry));
		}
		return wrapper;
	}

	private <T> @Nullable T load(Object key, Callable<T> valueLoader) {
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

	private <T> CompletableFuture<@Nullable Object> loadAsync(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		long start = System.nanoTime();
		return valueLoader.get().handle((value, failure) -> {
			this.statistics.recordLoad(failure == null, System.nanoTime() - start);
			if (failure != null) {
				throw (failure instanceof RuntimeException runtime) ? runtime : new CompletionException(failure);
			}
			if (value != null || this.spec.cacheNullValues()) {
				put(key, value);
			}
			return value;
		});
	}

	private Object toStoredValue(@Nullable Object value) {
		if (value != null) {
			return value;
		}
		if (!this.spec.cacheNullValues()) {
			throw new IllegalArgumentException("Cache '" + getName() + "' does not store null values but null was "
					+ "provided; set tiered-cache.caches." + getName() + ".cache-null-values=true or skip null "
					+ "results (e.g. unless = \"#result == null\")");
		}
		return NullValue.INSTANCE;
	}

	private static ValueWrapper wrap(Object stored) {
		return (stored == NullValue.INSTANCE) ? NULL_WRAPPER : new SimpleValueWrapper(stored);
	}

	private Duration entryTtl(Object stored, Duration ttl) {
		if (stored == NullValue.INSTANCE) {
			return this.spec.nullValueTtl();
		}
		double jitter = this.spec.ttlJitter();
		if (jitter == 0.0) {
			return ttl;
		}
		double factor = 1.0 - ThreadLocalRandom.current().nextDouble() * jitter;
		return Duration.ofMillis(Math.max(1, (long) (ttl.toMillis() * factor)));
	}

	private Duration l1Ttl(Duration entryTtl) {
		Duration l1 = this.spec.effectiveL1Ttl();
		return (entryTtl.compareTo(l1) < 0) ? entryTtl : l1;
	}

	private Duration remaining(RemoteEntry entry) {
		return Duration.ofMillis(entry.expiresAtMillis() - this.clock.millis());
	}

	private void remoteFailed(String operation, RuntimeException ex) {
		if (ex instanceof InvalidCacheKeyException) {
			throw ex;
		}
		this.statistics.recordL2Error();
		failures.warn("Redis " + operation + " failed for cache '" + getName() + "'; continuing with L1", ex);
	}

}
