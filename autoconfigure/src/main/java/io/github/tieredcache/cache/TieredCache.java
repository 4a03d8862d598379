package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
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
 * {@link #get(Object, Callable)} calls for one key run the loader once in this JVM (once
 * across instances with {@link SingleFlight#CLUSTER}).
 *
 * <p>
 * Keys are encoded once by the cache's {@link KeyEncoder}, and both tiers are keyed by
 * the encoded form, so both agree on which keys are equal and another instance can name a
 * key it must drop.
 *
 * <p>
 * <strong>No stale fills.</strong> A value loaded after a miss is only stored if nothing
 * wrote or invalidated its key while it loaded: in L2 through a fill lease (see
 * {@link RemoteTier}), in L1 through a per-key invalidation counter. A loader that read
 * its data before a concurrent write therefore returns that data to its own caller but
 * never leaves it in the cache. Spring's {@code @Cacheable} without {@code sync = true}
 * gets the same protection through a {@link FillScope}.
 *
 * <p>
 * {@code null} values follow Spring's rules: when the cache stores nulls they are kept as
 * {@link NullValue#INSTANCE} with their own (usually shorter) TTL; when it does not,
 * {@link #put(Object, Object) put(key, null)} is rejected with an
 * {@link IllegalArgumentException}.
 *
 * <p>
 * This class holds the {@link Cache} contract, the read path and the fan-out of writes;
 * loads and fills are coordinated by {@link FillCoordinator}, background reloads by
 * {@link BackgroundRefresh}, entry lifetimes by {@link EntryLifetimes}, and Redis
 * failures are absorbed by {@link FailSafeRemote}.
 *
 * <p>
 * Thread-safe. Create instances through {@link TieredCacheManager}.
 *
 * <p>
 * Longer than most classes here: about half of it is the javadoc of Spring's
 * {@link Cache} contract and of the overloads added to it; the code left is the read path
 * and the write fan-out, kept in one file so that a read can be followed from top to
 * bottom.
 */
public final class TieredCache implements Cache {

	private static final ValueWrapper NULL_WRAPPER = new SimpleValueWrapper(null);

	private final CacheSpec spec;

	private final @Nullable LocalTier local;

	private final FailSafeRemote remote;

	private final CacheStatistics statistics;

	private final EncodedKeys keys;

	private final KeyGenerations generations = new KeyGenerations();

	private final EntryLifetimes lifetimes;

	private final FillCoordinator fills;

	private final BackgroundRefresh background;

	private final WriteFanOut writes;

	private final Duration bulkFillGuard;

	private final @Nullable RemoteTier readOnlyRemote;

	TieredCache(CacheSpec spec, @Nullable LocalTier local, @Nullable RemoteTier remote, CacheStatistics statistics,
			Ticker ticker, Clock clock, KeyEncoder keyEncoder, InvalidationListener listener,
			RefreshExecutor refreshExecutor, Duration bulkFillGuard) {
		if (local == null && remote == null) {
			throw new IllegalArgumentException("Cache '" + spec.name() + "' needs at least one tier");
		}
		this.spec = spec;
		this.local = local;
		this.remote = new FailSafeRemote(spec.name(), remote, statistics);
		this.readOnlyRemote = (remote != null) ? new ReadOnlyRemoteTier(remote) : null;
		this.statistics = statistics;
		this.keys = new EncodedKeys(spec.name(), keyEncoder, (local != null) ? spec.l1MaxSize() : 512);
		this.bulkFillGuard = bulkFillGuard;
		HotKeys hotKeys = (spec.hotKeys() > 0 && local != null) ? new HotKeys(local.nativeCache(), spec.hotKeys(),
				Math.max(1, spec.hotKeyRefreshBefore().toMillis() / 2), clock) : null;
		this.lifetimes = new EntryLifetimes(spec, clock, hotKeys != null);
		this.fills = new FillCoordinator(this, local, this.remote, this.generations, this.lifetimes, ticker);
		this.background = new BackgroundRefresh(this, local, remote, this.generations, this.lifetimes, this.fills,
				refreshExecutor, hotKeys);
		this.writes = new WriteFanOut(this, local, this.remote, this.generations, this.lifetimes, listener);
	}

	// The read path

	/**
	 * Returns the cached value. Inside a {@link FillScope} (Spring's {@code @Cacheable}),
	 * a miss also starts a fill that the {@link #put(Object, Object)} of the loaded value
	 * completes; if another instance filled the key meanwhile, its value is returned
	 * instead.
	 */
	@Override
	public @Nullable ValueWrapper get(Object key) {
		String id = encodeKey(key);
		ValueWrapper hit = getFromLocal(id);
		if (hit != null) {
			// A hit never looks at the fill scope: nothing is added to the hot path
			return hit;
		}
		FillScope scope = FillScope.current();
		if (scope == null) {
			hit = getFromRemote(id, true);
		}
		else {
			long generation = this.generations.current(id);
			RemoteLookup found = getFromRemoteOrLease(id, generation);
			RemoteEntry entry = (found != null) ? found.entry() : null;
			hit = (entry != null) ? wrap(entry.value()) : this.fills.begin(scope, id, found, generation);
		}
		if (hit == null) {
			this.statistics.recordMiss();
		}
		return hit;
	}

	/**
	 * Returns the value the in-process tier holds for a key, counting the hit, and looks
	 * no further: for callers such as the {@code @Cached} advice that would otherwise
	 * prepare a loader on every call. {@code null} means that L1 holds nothing for the
	 * key or holds an entry due for a background refresh; nothing is counted then, and
	 * the caller goes on with {@link #get(Object, Callable, Duration, Predicate)}, which
	 * reads both tiers, counts the miss and starts the refresh.
	 * @param key the key
	 * @return the L1 hit, or {@code null}
	 * @throws InvalidCacheKeyException if the key has no stable string form
	 */
	public @Nullable ValueWrapper getFromLocalTier(Object key) {
		LocalTier l1 = this.local;
		if (l1 == null) {
			return null;
		}
		ValueWrapper hit = l1.get(encodeKey(key));
		if (hit == null || this.background.isDue(hit)) {
			return null;
		}
		this.statistics.recordL1Hit();
		return hit;
	}

	/**
	 * L1 alone, counting the hit or miss.
	 */
	private @Nullable ValueWrapper getFromLocal(String id) {
		LocalTier l1 = this.local;
		if (l1 == null) {
			return null;
		}
		ValueWrapper hit = l1.get(id);
		if (hit != null) {
			this.statistics.recordL1Hit();
			return hit;
		}
		this.statistics.recordL1Miss();
		return null;
	}

	/**
	 * L2 in one round trip that also takes the fill lease on a miss; a hit is copied into
	 * L1. Counts the L2 hit or miss.
	 * @param generation the key's invalidation counter, read before this call
	 * @return what L2 holds, or {@code null} without Redis or when it failed
	 */
	@Nullable RemoteLookup getFromRemoteOrLease(String id, long generation) {
		if (!this.remote.present()) {
			return null;
		}
		RemoteLookup found = this.remote.getOrLease(id, this.spec.leaseTtl());
		RemoteEntry entry = (found != null) ? found.entry() : null;
		if (entry == null) {
			this.statistics.recordL2Miss();
			return found;
		}
		this.statistics.recordL2Hit();
		fillLocal(id, wrap(entry.value()), entry, generation);
		return found;
	}

	/**
	 * {@link #getFromRemoteOrLease} without waiting for Redis.
	 * @param generation the key's invalidation counter, read before this call
	 * @return what L2 holds, or {@code null} without Redis or when it failed
	 */
	CompletableFuture<@Nullable RemoteLookup> getFromRemoteOrLeaseAsync(String id, long generation) {
		if (!this.remote.present()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.remote.getOrLeaseAsync(id, this.spec.leaseTtl()).thenApply((found) -> {
			RemoteEntry entry = (found != null) ? found.entry() : null;
			if (entry == null) {
				this.statistics.recordL2Miss();
				return found;
			}
			this.statistics.recordL2Hit();
			fillLocal(id, wrap(entry.value()), entry, generation);
			return found;
		});
	}

	/**
	 * {@link #readRemote} without waiting for Redis.
	 */
	CompletableFuture<@Nullable ValueWrapper> readRemoteAsync(String id) {
		if (!this.remote.present()) {
			return CompletableFuture.completedFuture(null);
		}
		long generation = this.generations.current(id);
		return this.remote.getAsync(id).thenApply((entry) -> {
			if (entry == null) {
				return null;
			}
			ValueWrapper wrapper = wrap(entry.value());
			fillLocal(id, wrapper, entry, generation);
			return wrapper;
		});
	}

	private @Nullable ValueWrapper getFromRemote(String id, boolean record) {
		if (!this.remote.present()) {
			return null;
		}
		long generation = this.generations.current(id);
		RemoteEntry entry = this.remote.get(id);
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
		fillLocal(id, wrapper, entry, generation);
		return wrapper;
	}

	/**
	 * Copies an L2 hit into L1 for the time it has left in Redis, unless the key was
	 * invalidated since it was read.
	 */
	void fillLocal(String id, ValueWrapper wrapper, RemoteEntry entry, long generation) {
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.putIf(id, wrapper, this.lifetimes.remaining(entry), this.lifetimes.refreshAfter(entry),
					() -> this.generations.isCurrent(id, generation));
		}
	}

	/**
	 * L1, then L2, without counting: for loaders checking whether another one finished.
	 */
	@Nullable ValueWrapper peek(String id) {
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(id) : null;
		return (inL1 != null) ? inL1 : getFromRemote(id, false);
	}

	/**
	 * L2 alone, without counting, copying a hit into L1.
	 */
	@Nullable ValueWrapper readRemote(String id) {
		return getFromRemote(id, false);
	}

	@Override
	public String getName() {
		return this.spec.name();
	}

	/**
	 * Returns this cache itself: no single library holds its entries, and Spring Boot's
	 * {@code /actuator/caches} names the native cache's class as the cache's target. The
	 * tiers are {@link #localTier()} and {@link #remoteTier()}.
	 * @return this cache
	 */
	@Override
	public Object getNativeCache() {
		return this;
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
	 * Returns the in-process tier, to read from and drop entries from (this instance
	 * only); only the cache itself adds entries to it.
	 * @return L1, or {@code null} when this cache has none
	 */
	public @Nullable LocalTier localTier() {
		return this.local;
	}

	/**
	 * Returns the shared tier, to read from and remove entries from: a view whose
	 * {@code get}, {@code evict*} and {@code clear} reach the tier, and whose writes and
	 * leases are refused with an {@link UnsupportedOperationException}, since a value
	 * written behind the cache's back would escape the checks that keep a stale value out
	 * (the fill race) and would not reach other instances' L1. Write through this cache.
	 * @return L2, or {@code null} when this cache has none
	 */
	public @Nullable RemoteTier remoteTier() {
		return this.readOnlyRemote;
	}

	/**
	 * Returns the form a key takes in both tiers and in invalidation messages.
	 * @param key the application's key
	 * @return the encoded key
	 * @throws InvalidCacheKeyException if the key has no stable string form
	 */
	public String encodeKey(Object key) {
		try {
			return this.keys.encode(key);
		}
		catch (RuntimeException ex) {
			throw new InvalidCacheKeyException(ex.getMessage(), ex);
		}
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
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		return get(key, valueLoader, this.spec.ttl());
	}

	/**
	 * Returns the cached value, or loads, stores and returns it, with an entry TTL of its
	 * own (for methods that override the cache's TTL).
	 * @param <T> the value type
	 * @param key the key
	 * @param valueLoader computes the value on a miss
	 * @param ttl how long a loaded entry lives in L2; L1 keeps it no longer than its own
	 * TTL
	 * @return the value
	 * @throws ValueRetrievalException if the loader throws
	 */
	public <T> @Nullable T get(Object key, Callable<T> valueLoader, Duration ttl) {
		return get(key, valueLoader, ttl, (value) -> true);
	}

	/**
	 * Returns the cached value, or loads and returns it, storing it only if it passes a
	 * test (for {@code unless}-style vetoes). A {@code null} the cache does not store is
	 * returned without being stored rather than rejected.
	 * @param <T> the value type
	 * @param key the key
	 * @param valueLoader computes the value on a miss
	 * @param ttl how long a loaded entry lives in L2
	 * @param cacheable decides whether a loaded value is stored
	 * @return the value
	 * @throws ValueRetrievalException if the loader throws
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader, Duration ttl,
			Predicate<? super @Nullable T> cacheable) {
		String id = encodeKey(key);
		ValueWrapper hit = getFromLocal(id);
		if (hit != null) {
			this.background.refreshIfDue(id, key, hit, valueLoader, ttl);
			return (T) hit.get();
		}
		// Concurrent misses of one key share one read of L2 (which also takes the fill
		// lease) and one load
		return (T) this.fills.load(id, key, valueLoader, ttl, (Predicate<@Nullable Object>) cacheable);
	}

	/**
	 * Returns the cached value, as Spring's {@code @Cacheable} asks for it on methods
	 * returning a {@code CompletableFuture} or a reactive type. Unlike
	 * {@link #get(Object)}, never starts a fill, even inside a {@link FillScope}: the
	 * {@code put} of such a method's value comes later, from another thread, so the fill
	 * could not be completed, and a miss must not wait for another loader's lease. An L1
	 * miss reads L2 without waiting for it: the future completes on the Redis client's
	 * thread.
	 */
	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		String id = encodeKey(key);
		ValueWrapper hit = getFromLocal(id);
		if (hit != null) {
			return CompletableFuture.completedFuture(this.spec.cacheNullValues() ? hit : hit.get());
		}
		if (!this.remote.present()) {
			this.statistics.recordMiss();
			return null;
		}
		long generation = this.generations.current(id);
		return this.remote.getAsync(id).thenApply((entry) -> {
			if (entry == null) {
				this.statistics.recordL2Miss();
				this.statistics.recordMiss();
				return null;
			}
			this.statistics.recordL2Hit();
			ValueWrapper wrapper = wrap(entry.value());
			fillLocal(id, wrapper, entry, generation);
			return this.spec.cacheNullValues() ? wrapper : wrapper.get();
		});
	}

	@Override
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		return retrieve(key, valueLoader, this.spec.ttl(), (value) -> value != null || this.spec.cacheNullValues());
	}

	/**
	 * Returns the cached value, or starts loading it asynchronously and stores the result
	 * if it passes a test.
	 * @param <T> the value type
	 * @param key the key
	 * @param valueLoader starts the load on a miss
	 * @param ttl how long a loaded entry lives in L2
	 * @param cacheable decides whether a loaded value is stored
	 * @return the value, as a future of its own for each caller: cancelling it (or its
	 * {@code orTimeout}) never fails another caller's, but once every caller waiting for
	 * the same load has cancelled, the future the loader returned is cancelled, its fill
	 * lease released and nothing stored, so the next caller loads afresh
	 */
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader, Duration ttl,
			Predicate<? super @Nullable T> cacheable) {
		String id = encodeKey(key);
		ValueWrapper hit = getFromLocal(id);
		if (hit != null) {
			return CompletableFuture.completedFuture((T) hit.get());
		}
		// Concurrent misses of one key share one load, whose leader reads L2 (taking the
		// fill lease) without waiting for Redis
		return (CompletableFuture<T>) this.fills.loadAsync(id, valueLoader, ttl,
				(Predicate<@Nullable Object>) cacheable);
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
		String id = encodeKey(key);
		Object stored = toStoredValue(value);
		FillScope scope = FillScope.current();
		FillScope.PendingFill pending = (scope != null) ? scope.take(this, id) : null;
		if (pending != null) {
			this.fills.complete(pending, stored, ttl);
			return;
		}
		this.writes.put(id, stored, ttl);
	}

	/**
	 * Replaces an entry with a value its caller loaded bypassing the cache on purpose (as
	 * {@code @Cached(refresh)} does), counting it as a refresh on demand: written as
	 * {@link #put(Object, Object, Duration)} writes, or, for a value that may not be
	 * cached, the entry is evicted so the next read loads afresh.
	 * @param key the key
	 * @param value the value just loaded
	 * @param ttl how long the entry lives in L2
	 * @param cacheable whether the value may be cached (its {@code unless} veto and
	 * whether the cache stores nulls)
	 */
	public void replaceOnDemand(Object key, @Nullable Object value, Duration ttl, boolean cacheable) {
		this.statistics.recordRefreshOnDemand();
		if (cacheable) {
			put(key, value, ttl);
		}
		else {
			evict(key);
		}
	}

	/**
	 * Counts a {@code Flux} result that was not cached because it emitted more elements
	 * than its caller allows ({@code tiered-cache.reactive.max-flux-elements}).
	 */
	public void recordOversizedFlux() {
		this.statistics.recordOversizedFlux();
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		return this.writes.putIfAbsent(encodeKey(key), toStoredValue(value), this.spec.ttl());
	}

	/**
	 * Starts a bulk fill of this cache, for entries read in bulk from their source; see
	 * {@link BulkFill}. Call it before reading the entries. It keeps watching its keys
	 * for the manager's bulk-fill guard after it is closed.
	 * @return the fill, to close once written
	 */
	public BulkFill bulkFill() {
		return bulkFill(this.bulkFillGuard);
	}

	/**
	 * Starts a bulk fill that keeps watching its keys for the given time after it is
	 * closed.
	 * @param guard how long to watch after closing
	 * @return the fill, to close once written
	 */
	public BulkFill bulkFill(Duration guard) {
		return new BulkFill(this, guard);
	}

	@Override
	public void evict(Object key) {
		evictIfPresent(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return evictEncoded(encodeKey(key));
	}

	/**
	 * Evicts a key given in its encoded form (as recorded by a tag index), in both tiers
	 * and on every instance.
	 * @param id the encoded key
	 * @return whether an entry was present
	 */
	public boolean evictEncoded(String id) {
		return this.writes.evict(id);
	}

	/**
	 * Removes every entry whose encoded key matches a glob, in both tiers and on every
	 * instance. Redis is walked with {@code SCAN}, never {@code KEYS}. Keys longer than
	 * {@code tiered-cache.redis.max-key-length} are stored hashed in Redis and only match
	 * {@code *} there.
	 * @param glob a glob as in Redis {@code SCAN MATCH}: {@code *}, {@code ?},
	 * {@code [abc]}, {@code \} escapes
	 * @return how many entries were removed
	 */
	public long evictMatching(String glob) {
		return this.writes.evictMatching(glob);
	}

	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		return this.writes.clear();
	}

	/**
	 * Drops what another instance invalidated from this instance's L1, and fails the
	 * fills of loads that started before it. Touches neither Redis nor other instances.
	 * @param invalidation what to drop
	 */
	public void invalidateLocally(Invalidation invalidation) {
		this.writes.applyRemote(invalidation);
	}

	void watch(InvalidationWatch watch) {
		this.writes.watch(watch);
	}

	void unwatch(InvalidationWatch watch) {
		this.writes.unwatch(watch);
	}

	int watchCount() {
		return this.writes.watchCount();
	}

	KeyGenerations generations() {
		return this.generations;
	}

	void runInBackground(Runnable task) {
		this.background.run(task);
	}

	/**
	 * Ends a fill that a {@link FillScope} closed without a {@code put}.
	 */
	void abandonFill(FillScope.PendingFill fill, boolean loaded) {
		this.fills.abandon(fill, loaded);
	}

	FailSafeRemote failSafeRemote() {
		return this.remote;
	}

	EntryLifetimes lifetimes() {
		return this.lifetimes;
	}

	Object toStoredValue(@Nullable Object value) {
		// Spring treats any NullValue as null, not only its singleton
		if (value != null && !(value instanceof NullValue)) {
			return value;
		}
		if (!this.spec.cacheNullValues()) {
			throw new IllegalArgumentException("Cache '" + getName() + "' does not store null values but null was "
					+ "provided; set tiered-cache.caches." + getName() + ".cache-null-values=true or skip null "
					+ "results (e.g. unless = \"#result == null\")");
		}
		return NullValue.INSTANCE;
	}

	static ValueWrapper wrap(Object stored) {
		return (stored instanceof NullValue) ? NULL_WRAPPER : new SimpleValueWrapper(stored);
	}

}
