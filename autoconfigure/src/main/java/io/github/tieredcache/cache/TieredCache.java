package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
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
 * stores results with a plain {@link #put}, which cannot be protected this way.
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

	private final KeyEncoder keyEncoder;

	private final InvalidationListener listener;

	private final RefreshExecutor refreshExecutor;

	private final KeyGenerations generations = new KeyGenerations();

	private final InFlightLoads loads = new InFlightLoads();

	private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

	private final List<InvalidationWatch> watches = new CopyOnWriteArrayList<>();

	private final @Nullable HotKeys hotKeys;

	private final Duration bulkFillGuard;

	TieredCache(CacheSpec spec, @Nullable LocalTier local, @Nullable RemoteTier remote, CacheStatistics statistics,
			Clock clock, KeyEncoder keyEncoder, InvalidationListener listener, RefreshExecutor refreshExecutor,
			Duration bulkFillGuard) {
		if (local == null && remote == null) {
			throw new IllegalArgumentException("Cache '" + spec.name() + "' needs at least one tier");
		}
		this.spec = spec;
		this.local = local;
		this.remote = remote;
		this.statistics = statistics;
		this.clock = clock;
		this.keyEncoder = keyEncoder;
		this.listener = listener;
		this.refreshExecutor = refreshExecutor;
		this.bulkFillGuard = bulkFillGuard;
		this.hotKeys = (spec.hotKeys() > 0 && local != null) ? new HotKeys(local.nativeCache(), spec.hotKeys(),
				Math.max(1, spec.hotKeyRefreshBefore().toMillis() / 2), clock) : null;
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

	/**
	 * Returns the form a key takes in both tiers and in invalidation messages.
	 * @param key the application's key
	 * @return the encoded key
	 * @throws InvalidCacheKeyException if the key has no stable string form
	 */
	public String encodeKey(Object key) {
		try {
			return this.keyEncoder.encode(getName(), key);
		}
		catch (RuntimeException ex) {
			throw new InvalidCacheKeyException(ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the cached value. Inside a {@link FillScope} (Spring's {@code @Cacheable}),
	 * a miss also starts a fill that the {@link #put(Object, Object)} of the loaded value
	 * completes; if another instance filled the key meanwhile, its value is returned
	 * instead.
	 */
	@Override
	public @Nullable ValueWrapper get(Object key) {
		String id = encodeKey(key);
		FillScope scope = FillScope.current();
		if (scope == null) {
			return read(id);
		}
		ValueWrapper hit = lookup(id);
		if (hit == null) {
			hit = beginFill(scope, id);
			if (hit == null) {
				this.statistics.recordMiss();
			}
		}
		return hit;
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
		ValueWrapper wrapper = read(id);
		if (wrapper != null) {
			refreshIfDue(id, key, wrapper, valueLoader, ttl);
			return (T) wrapper.get();
		}
		return (T) this.loads.run(id,
				() -> loadAndFill(id, key, valueLoader, ttl, (Predicate<@Nullable Object>) cacheable));
	}

	/**
	 * Returns the cached value, as Spring's {@code @Cacheable} asks for it on methods
	 * returning a {@code CompletableFuture} or a reactive type. Unlike
	 * {@link #get(Object)}, never starts a fill, even inside a {@link FillScope}: the
	 * {@code put} of such a method's value comes later, from another thread, so the fill
	 * could not be completed, and a miss must not wait for another loader's lease.
	 */
	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		ValueWrapper wrapper = read(encodeKey(key));
		if (wrapper == null) {
			return null;
		}
		return CompletableFuture.completedFuture(this.spec.cacheNullValues() ? wrapper : wrapper.get());
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
	 * @return the value, as a future of its own for each caller
	 */
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader, Duration ttl,
			Predicate<? super @Nullable T> cacheable) {
		String id = encodeKey(key);
		ValueWrapper wrapper = read(id);
		if (wrapper != null) {
			return CompletableFuture.completedFuture((T) wrapper.get());
		}
		Predicate<@Nullable Object> test = (Predicate<@Nullable Object>) cacheable;
		CompletableFuture<@Nullable Object> loaded = this.loads.runAsync(id, () -> {
			ValueWrapper loadedMeanwhile = peek(id);
			if (loadedMeanwhile != null) {
				return CompletableFuture.completedFuture(loadedMeanwhile.get());
			}
			long generation = this.generations.current(id);
			String lease = lease(id);
			return loadAsync(valueLoader).handle((value, failure) -> {
				if (failure != null) {
					releaseQuietly(id, lease);
					throw (failure instanceof RuntimeException runtime) ? runtime : new CompletionException(failure);
				}
				fillIfCacheable(id, value, ttl, generation, lease, test);
				return value;
			});
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
		String id = encodeKey(key);
		Object stored = toStoredValue(value);
		FillScope scope = FillScope.current();
		FillScope.PendingFill pending = (scope != null) ? scope.take(this, id) : null;
		if (pending != null) {
			this.statistics.recordLoad(true, System.nanoTime() - pending.startNanos());
			fill(id, stored, ttl, pending.generation(), pending.lease());
			return;
		}
		Duration entryTtl = entryTtl(stored, ttl);
		watched(Invalidation.key(getName(), id), false);
		this.generations.advance(id);
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				l2.put(id, stored, entryTtl);
			}
			catch (RuntimeException ex) {
				remoteFailed("put", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			l1.put(id, wrap(stored), l1Ttl(entryTtl), refreshAfter(entryTtl));
		}
		this.statistics.recordPut();
		this.listener.invalidated(Invalidation.key(getName(), id));
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		String id = encodeKey(key);
		Object stored = toStoredValue(value);
		Duration entryTtl = entryTtl(stored, this.spec.ttl());
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(id) : null;
		if (inL1 != null) {
			return inL1;
		}
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				long generation = this.generations.current(id);
				// Before Redis, like every write: a bulk fill must not overwrite it
				watched(Invalidation.key(getName(), id), false);
				RemoteEntry present = l2.putIfAbsent(id, stored, entryTtl);
				if (present != null) {
					ValueWrapper existing = wrap(present.value());
					fillLocal(id, existing, present, generation);
					return existing;
				}
				this.generations.advance(id);
				if (l1 != null) {
					l1.put(id, wrap(stored), l1Ttl(entryTtl), refreshAfter(entryTtl));
				}
				this.statistics.recordPut();
				this.listener.invalidated(Invalidation.key(getName(), id));
				return null;
			}
			catch (RuntimeException ex) {
				remoteFailed("putIfAbsent", ex);
			}
		}
		if (l1 == null) {
			return null;
		}
		ValueWrapper existing = l1.putIfAbsent(id, wrap(stored), l1Ttl(entryTtl));
		if (existing == null) {
			this.statistics.recordPut();
		}
		return existing;
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
		watched(Invalidation.key(getName(), id), false);
		this.generations.advance(id);
		boolean present = false;
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				present = l2.evict(id);
			}
			catch (RuntimeException ex) {
				remoteFailed("evict", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			present |= l1.remove(id);
		}
		this.statistics.recordEviction();
		this.statistics.recordInvalidation(Invalidation.Scope.KEY, false);
		this.listener.invalidated(Invalidation.key(getName(), id));
		return present;
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
		KeyGlob matcher = KeyGlob.compile(glob);
		watched(Invalidation.pattern(getName(), glob), false);
		this.generations.advanceAll();
		long removed = 0;
		RemoteTier l2 = this.remote;
		if (l2 != null) {
			try {
				removed = l2.evictMatching(glob);
			}
			catch (RuntimeException ex) {
				remoteFailed("evictMatching", ex);
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null) {
			removed = Math.max(removed, l1.removeIf(matcher::matches));
		}
		this.statistics.recordEviction();
		this.statistics.recordInvalidation(Invalidation.Scope.PATTERN, false);
		this.listener.invalidated(Invalidation.pattern(getName(), glob));
		return removed;
	}

	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		watched(Invalidation.all(getName()), false);
		this.generations.advanceAll();
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
		this.statistics.recordInvalidation(Invalidation.Scope.ALL, false);
		this.listener.invalidated(Invalidation.all(getName()));
		return present;
	}

	/**
	 * Drops what another instance invalidated from this instance's L1, and fails the
	 * fills of loads that started before it. Touches neither Redis nor other instances.
	 * @param invalidation what to drop
	 */
	public void invalidateLocally(Invalidation invalidation) {
		this.statistics.recordInvalidation(invalidation.scope(), true);
		watched(invalidation, true);
		LocalTier l1 = this.local;
		switch (invalidation.scope()) {
			case KEY -> {
				String id = Objects.requireNonNull(invalidation.target());
				this.generations.advance(id);
				if (l1 != null) {
					l1.remove(id);
				}
			}
			case PATTERN -> {
				KeyGlob matcher = KeyGlob.compile(Objects.requireNonNull(invalidation.target()));
				this.generations.advanceAll();
				if (l1 != null) {
					l1.removeIf(matcher::matches);
				}
			}
			case ALL -> {
				this.generations.advanceAll();
				if (l1 != null) {
					l1.clear();
				}
			}
		}
	}

	void watch(InvalidationWatch watch) {
		this.watches.add(watch);
	}

	void unwatch(InvalidationWatch watch) {
		this.watches.remove(watch);
	}

	int watchCount() {
		return this.watches.size();
	}

	private void watched(Invalidation invalidation, boolean remote) {
		if (!this.watches.isEmpty()) {
			for (InvalidationWatch watch : this.watches) {
				watch.record(invalidation, remote);
			}
		}
	}

	KeyGenerations generations() {
		return this.generations;
	}

	void runInBackground(Runnable task) {
		try {
			this.refreshExecutor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	}

	private @Nullable ValueWrapper read(String id) {
		ValueWrapper hit = lookup(id);
		if (hit == null) {
			this.statistics.recordMiss();
		}
		return hit;
	}

	private @Nullable ValueWrapper lookup(String id) {
		LocalTier l1 = this.local;
		if (l1 != null) {
			ValueWrapper hit = l1.get(id);
			if (hit != null) {
				this.statistics.recordL1Hit();
				return hit;
			}
			this.statistics.recordL1Miss();
		}
		return getFromRemote(id, true);
	}

	/**
	 * Starts a fill for a miss inside a {@link FillScope}: records the key's invalidation
	 * counter and takes its lease, as {@link #get(Object, Callable)} does before loading.
	 * @return the value another loader stored meanwhile, or {@code null} when the caller
	 * should load it
	 */
	private @Nullable ValueWrapper beginFill(FillScope scope, String id) {
		long generation = this.generations.current(id);
		FillClaim claim = claimFill(id);
		if (claim.value() != null) {
			this.statistics.recordL2Hit();
			return claim.value();
		}
		scope.begin(new FillScope.PendingFill(this, id, generation, claim.lease(), System.nanoTime()));
		return null;
	}

	/**
	 * Takes the key's fill lease, or, when another loader holds it, reads or waits for
	 * that loader's value (see {@link #awaitFillClaim}). Without Redis, or when Redis
	 * fails, neither: load without filling Redis.
	 */
	private FillClaim claimFill(String id) {
		RemoteTier l2 = this.remote;
		if (l2 == null) {
			return new FillClaim(null, null);
		}
		try {
			String lease = l2.lease(id, this.spec.leaseTtl());
			return (lease != null) ? new FillClaim(null, lease) : awaitFillClaim(l2, id);
		}
		catch (RuntimeException ex) {
			remoteFailed("lease", ex);
			return new FillClaim(null, null);
		}
	}

	/**
	 * Ends a fill its scope closed without a {@code put}: the method threw, or its result
	 * was not to be cached.
	 */
	void abandonFill(FillScope.PendingFill fill, boolean loaded) {
		releaseQuietly(fill.id(), fill.lease());
		this.statistics.recordLoad(loaded, System.nanoTime() - fill.startNanos());
	}

	private @Nullable ValueWrapper peek(String id) {
		LocalTier l1 = this.local;
		ValueWrapper inL1 = (l1 != null) ? l1.get(id) : null;
		return (inL1 != null) ? inL1 : getFromRemote(id, false);
	}

	private @Nullable ValueWrapper getFromRemote(String id, boolean record) {
		RemoteTier l2 = this.remote;
		if (l2 == null) {
			return null;
		}
		long generation = this.generations.current(id);
		RemoteEntry entry;
		try {
			entry = l2.get(id);
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
		fillLocal(id, wrapper, entry, generation);
		return wrapper;
	}

	private void fillLocal(String id, ValueWrapper wrapper, RemoteEntry entry, long generation) {
		LocalTier l1 = this.local;
		if (l1 != null) {
			Duration refreshAfter = null;
			long lifetime = entry.expiresAtMillis() - entry.writtenAtMillis();
			if (this.spec.refreshAhead() > 0) {
				long refreshAt = entry.writtenAtMillis() + (long) (lifetime * this.spec.refreshAhead());
				refreshAfter = Duration.ofMillis(refreshAt - this.clock.millis());
			}
			else if (this.hotKeys != null) {
				long refreshAt = entry.writtenAtMillis() + hotKeyRefreshAfter(lifetime);
				refreshAfter = Duration.ofMillis(refreshAt - this.clock.millis());
			}
			l1.putIf(id, wrapper, remaining(entry), refreshAfter, () -> this.generations.isCurrent(id, generation));
		}
	}

	private <T> @Nullable Object loadAndFill(String id, Object key, Callable<T> valueLoader, Duration ttl,
			Predicate<@Nullable Object> cacheable) {
		// A load that finished just before this one started has filled L1; one that
		// filled Redis makes the lease below fail and is read there, so Redis is not
		// asked twice on every miss
		LocalTier l1 = this.local;
		ValueWrapper loadedMeanwhile = (l1 != null) ? l1.get(id) : null;
		if (loadedMeanwhile != null) {
			return loadedMeanwhile.get();
		}
		long generation = this.generations.current(id);
		FillClaim claim = claimFill(id);
		if (claim.value() != null) {
			return claim.value().get();
		}
		String lease = claim.lease();
		T value;
		try {
			value = load(key, valueLoader);
		}
		catch (RuntimeException ex) {
			releaseQuietly(id, lease);
			throw ex;
		}
		fillIfCacheable(id, value, ttl, generation, lease, cacheable);
		return value;
	}

	private void fillIfCacheable(String id, @Nullable Object value, Duration ttl, long generation,
			@Nullable String lease, Predicate<@Nullable Object> cacheable) {
		boolean storable = cacheable.test(value);
		if (!storable) {
			releaseQuietly(id, lease);
			return;
		}
		fill(id, value, ttl, generation, lease);
	}

	/**
	 * Called when the lease is taken: either the key holds a value by now (read it) or
	 * another loader holds the lease. With {@link SingleFlight#CLUSTER}, waits for that
	 * loader's value, taking the lease over if it is released or expires (its holder
	 * failed or died), until {@code single-flight-wait} runs out.
	 */
	private FillClaim awaitFillClaim(RemoteTier l2, String id) {
		ValueWrapper present = getFromRemote(id, false);
		if (present != null || this.spec.singleFlight() != SingleFlight.CLUSTER) {
			return new FillClaim(present, null);
		}
		long deadline = System.nanoTime() + this.spec.singleFlightWait().toNanos();
		long pauseMillis = 2;
		while (System.nanoTime() - deadline < 0) {
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			present = getFromRemote(id, false);
			if (present != null) {
				return new FillClaim(present, null);
			}
			String lease = l2.lease(id, this.spec.leaseTtl());
			if (lease != null) {
				return new FillClaim(null, lease);
			}
			pauseMillis = Math.min(pauseMillis * 2, 50);
		}
		return new FillClaim(null, null);
	}

	/**
	 * What claiming a fill gave: a value another loader stored, or the lease to load
	 * ourselves, or neither (no Redis, Redis failed, or the wait for another loader ran
	 * out: load without filling Redis).
	 */
	private record FillClaim(@Nullable ValueWrapper value, @Nullable String lease) {

	}

	private void fill(String id, @Nullable Object value, Duration ttl, long generation, @Nullable String lease) {
		Object stored = toStoredValue(value);
		Duration entryTtl = entryTtl(stored, ttl);
		RemoteTier l2 = this.remote;
		if (l2 != null && lease != null) {
			boolean current;
			try {
				current = l2.fill(id, stored, entryTtl, lease);
			}
			catch (RuntimeException ex) {
				remoteFailed("fill", ex);
				current = true;
			}
			if (!current) {
				this.statistics.recordStaleFillPrevented();
				return;
			}
		}
		LocalTier l1 = this.local;
		if (l1 != null && !l1.putIf(id, wrap(stored), l1Ttl(entryTtl), refreshAfter(entryTtl),
				() -> this.generations.isCurrent(id, generation))) {
			this.statistics.recordStaleFillPrevented();
			return;
		}
		this.statistics.recordPut();
	}

	private <T> void refreshIfDue(String id, Object key, ValueWrapper hit, Callable<T> valueLoader, Duration ttl) {
		LocalTier l1 = this.local;
		if ((this.spec.refreshAhead() == 0 && this.hotKeys == null) || l1 == null || !l1.isDueForRefresh(hit)) {
			return;
		}
		// Without refresh-ahead, only the most-read keys are refreshed: the ones whose
		// expiry would cost the most loads
		HotKeys hot = this.hotKeys;
		if (this.spec.refreshAhead() == 0 && hot != null && !hot.contains(id)) {
			return;
		}
		if (!this.refreshing.add(id)) {
			return;
		}
		try {
			this.refreshExecutor.execute(() -> {
				try {
					refresh(id, key, valueLoader, ttl);
				}
				catch (RuntimeException ex) {
					failures.warn("Refreshing an entry of cache '" + getName() + "' failed; it stays until it expires",
							ex);
				}
				finally {
					this.refreshing.remove(id);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.refreshing.remove(id);
		}
	}

	private <T> void refresh(String id, Object key, Callable<T> valueLoader, Duration ttl) {
		long generation = this.generations.current(id);
		RemoteTier l2 = this.remote;
		RemoteEntry before = null;
		if (l2 != null) {
			before = l2.get(id);
			if (before == null) {
				// Invalidated or expired meanwhile: the next read loads it
				return;
			}
		}
		Object value = load(key, valueLoader);
		Object stored = toStoredValue(value);
		Duration entryTtl = entryTtl(stored, ttl);
		if (l2 != null && before != null && !l2.replace(id, stored, entryTtl, before)) {
			this.statistics.recordStaleFillPrevented();
			return;
		}
		LocalTier l1 = Objects.requireNonNull(this.local);
		l1.putIf(id, wrap(stored), l1Ttl(entryTtl), refreshAfter(entryTtl),
				() -> this.generations.isCurrent(id, generation));
		this.statistics.recordRefresh();
	}

	private @Nullable String lease(String id) {
		RemoteTier l2 = this.remote;
		if (l2 == null) {
			return null;
		}
		try {
			return l2.lease(id, this.spec.leaseTtl());
		}
		catch (RuntimeException ex) {
			remoteFailed("lease", ex);
			return null;
		}
	}

	private void releaseQuietly(String id, @Nullable String lease) {
		RemoteTier l2 = this.remote;
		if (l2 != null && lease != null) {
			try {
				l2.release(id, lease);
			}
			catch (RuntimeException ex) {
				remoteFailed("release", ex);
			}
		}
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

	private <T> CompletableFuture<@Nullable Object> loadAsync(Supplier<CompletableFuture<T>> valueLoader) {
		long start = System.nanoTime();
		return valueLoader.get().handle((value, failure) -> {
			this.statistics.recordLoad(failure == null, System.nanoTime() - start);
			if (failure != null) {
				throw (failure instanceof RuntimeException runtime) ? runtime : new CompletionException(failure);
			}
			return value;
		});
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

	Duration entryTtl(Object stored, Duration ttl) {
		if (stored instanceof NullValue) {
			return this.spec.nullValueTtl();
		}
		Duration capped = (ttl.compareTo(CacheSpec.MAX_TTL) > 0) ? CacheSpec.MAX_TTL : ttl;
		double jitter = this.spec.ttlJitter();
		if (jitter == 0.0) {
			return capped;
		}
		double factor = 1.0 - ThreadLocalRandom.current().nextDouble() * jitter;
		return Duration.ofMillis(Math.max(1, (long) (capped.toMillis() * factor)));
	}

	Duration l1Ttl(Duration entryTtl) {
		Duration l1 = this.spec.effectiveL1Ttl();
		return (entryTtl.compareTo(l1) < 0) ? entryTtl : l1;
	}

	@Nullable Duration refreshAfter(Duration entryTtl) {
		double fraction = this.spec.refreshAhead();
		if (fraction > 0) {
			return Duration.ofMillis((long) (entryTtl.toMillis() * fraction));
		}
		return (this.hotKeys != null) ? Duration.ofMillis(hotKeyRefreshAfter(entryTtl.toMillis())) : null;
	}

	/**
	 * When a hot key becomes due for refresh: {@code hot-key-refresh-before} before its
	 * expiry, but never in the first half of its life, so a TTL shorter than that setting
	 * does not reload the key on every read.
	 */
	private long hotKeyRefreshAfter(long lifetimeMillis) {
		return Math.max(lifetimeMillis / 2, lifetimeMillis - this.spec.hotKeyRefreshBefore().toMillis());
	}

	private Duration remaining(RemoteEntry entry) {
		return Duration.ofMillis(entry.expiresAtMillis() - this.clock.millis());
	}

	void remoteFailed(String operation, RuntimeException ex) {
		this.statistics.recordL2Error();
		failures.warn("Redis " + operation + " failed for cache '" + getName() + "'; continuing with L1", ex);
	}

}
