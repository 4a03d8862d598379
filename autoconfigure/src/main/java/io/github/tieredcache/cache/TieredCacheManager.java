package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.CacheManager;
import org.springframework.util.Assert;

/**
 * A Spring {@link CacheManager} of {@link TieredCache}s. Caches configured up front are
 * created when the manager is built; others are created on first use from the default
 * settings, unless on-demand creation is switched off, in which case
 * {@link #getCache(String)} returns {@code null} for them as Spring's contract requires.
 *
 * <p>
 * Without a {@link RemoteTierFactory} (no Redis available) every cache runs on L1 alone.
 * Thread-safe.
 */
public final class TieredCacheManager implements CacheManager {

	private static final Log logger = LogFactory.getLog(TieredCacheManager.class);

	private final ConcurrentMap<String, TieredCache> caches = new ConcurrentHashMap<>();

	private final CacheSpec defaults;

	private final boolean createOnDemand;

	private final @Nullable RemoteTierFactory remoteTiers;

	private final Ticker ticker;

	private final Clock clock;

	private final KeyEncoder keyEncoder;

	private final InvalidationListener invalidationListener;

	private final RefreshExecutor refreshExecutor;

	private final Duration bulkFillGuard;

	private final List<Consumer<? super TieredCache>> creationListeners = new CopyOnWriteArrayList<>();

	private TieredCacheManager(Builder builder) {
		this.defaults = builder.defaults;
		this.createOnDemand = builder.createOnDemand;
		this.remoteTiers = builder.remoteTiers;
		this.ticker = builder.ticker;
		this.clock = builder.clock;
		this.keyEncoder = builder.keyEncoder;
		this.invalidationListener = builder.invalidationListener;
		this.refreshExecutor = (builder.refreshExecutor != null) ? builder.refreshExecutor
				: RefreshExecutor.createDefault();
		this.bulkFillGuard = builder.bulkFillGuard;
		builder.caches.values().forEach((spec) -> this.caches.put(spec.name(), createCache(spec)));
	}

	/**
	 * Returns a builder with the library's defaults, on-demand creation on, and no shared
	 * tier.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public @Nullable TieredCache getCache(String name) {
		TieredCache cache = this.caches.get(name);
		if (cache != null || !this.createOnDemand) {
			return cache;
		}
		TieredCache[] created = new TieredCache[1];
		cache = this.caches.computeIfAbsent(name,
				(missing) -> created[0] = createCache(this.defaults.withName(missing)));
		if (created[0] != null) {
			notifyCreated(created[0]);
		}
		return cache;
	}

	/**
	 * Registers a callback that is told about each cache this manager creates on demand
	 * from now on, once, right after the cache is created and before it is returned. Use
	 * it to attach something (such as meters) to caches that did not exist when the
	 * application started; caches that exist already are in {@link #getCaches()}. A
	 * callback that throws is logged and does not fail the cache lookup.
	 * @param listener the callback
	 */
	public void onCacheCreated(Consumer<? super TieredCache> listener) {
		Assert.notNull(listener, "listener must not be null");
		this.creationListeners.add(listener);
	}

	private void notifyCreated(TieredCache cache) {
		for (Consumer<? super TieredCache> listener : this.creationListeners) {
			try {
				listener.accept(cache);
			}
			catch (RuntimeException ex) {
				logger.warn("Cache creation listener failed for cache '" + cache.getName() + "'", ex);
			}
		}
	}

	@Override
	public Collection<String> getCacheNames() {
		return Collections.unmodifiableSet(this.caches.keySet());
	}

	/**
	 * Returns the caches created so far.
	 * @return a live, unmodifiable view of the caches
	 */
	public Collection<TieredCache> getCaches() {
		return Collections.unmodifiableCollection(this.caches.values());
	}

	/**
	 * Returns whether caches that were not configured up front are created on first use.
	 * @return whether caches are created on demand
	 */
	public boolean isCreateOnDemand() {
		return this.createOnDemand;
	}

	/**
	 * Returns the settings that caches created on demand start from.
	 * @return the default settings
	 */
	public CacheSpec getDefaults() {
		return this.defaults;
	}

	/**
	 * Applies another instance's invalidation to this instance's L1. A cache that does
	 * not exist here has nothing to drop and is not created.
	 * @param invalidation what to drop
	 */
	public void invalidateLocally(Invalidation invalidation) {
		TieredCache cache = this.caches.get(invalidation.cacheName());
		if (cache != null) {
			cache.invalidateLocally(invalidation);
		}
	}

	/**
	 * Empties the L1 of every cache on this instance, for when invalidations from other
	 * instances may have been missed (a lost connection, a gap in their sequence).
	 */
	public void invalidateAllLocally() {
		this.caches.values().forEach((cache) -> cache.invalidateLocally(Invalidation.all(cache.getName())));
	}

	private TieredCache createCache(CacheSpec requested) {
		CacheSpec spec = requested;
		if (spec.l2Enabled() && this.remoteTiers == null) {
			if (!spec.l1Enabled()) {
				logger.warn("Cache '" + spec.name() + "' is configured for L2 only, but no Redis is available; "
						+ "running it on L1 instead");
			}
			spec = spec.withoutL2();
		}
		CacheStatistics statistics = new CacheStatistics();
		LocalTier local = spec.l1Enabled() ? new LocalTier(spec.l1MaxSize(), spec.effectiveL1Ttl(), this.ticker) : null;
		RemoteTier remote = (spec.l2Enabled() && this.remoteTiers != null)
				? this.remoteTiers.create(spec, new ReplayForwardingCounters(statistics, this.invalidationListener))
				: null;
		return new TieredCache(spec, local, remote, statistics, this.ticker, this.clock, this.keyEncoder,
				this.invalidationListener, this.refreshExecutor, this.bulkFillGuard);
	}

	/**
	 * Returns how long the bulk fills of this manager's caches keep watching their keys
	 * after they are closed.
	 * @return the guard period
	 */
	public Duration bulkFillGuard() {
		return this.bulkFillGuard;
	}

	/**
	 * Default for creating caches not configured up front on first use: on.
	 */
	public static final boolean DEFAULT_CREATE_ON_DEMAND = true;

	/**
	 * Builds a {@link TieredCacheManager}; not thread-safe.
	 */
	public static final class Builder {

		private CacheSpec defaults = CacheSpec.builder("default").build();

		private final Map<String, CacheSpec> caches = new LinkedHashMap<>();

		private boolean createOnDemand = DEFAULT_CREATE_ON_DEMAND;

		private @Nullable RemoteTierFactory remoteTiers;

		private Ticker ticker = Ticker.systemTicker();

		private Clock clock = Clock.systemUTC();

		private KeyEncoder keyEncoder = KeyEncoder.standard();

		private InvalidationListener invalidationListener = InvalidationListener.NONE;

		private @Nullable RefreshExecutor refreshExecutor;

		private Duration bulkFillGuard = BulkFill.DEFAULT_GUARD;

		private Builder() {
		}

		/**
		 * Sets the settings that caches created on demand start from (the spec's name is
		 * ignored).
		 * @param defaults the default settings
		 * @return this builder
		 */
		public Builder defaults(CacheSpec defaults) {
			Assert.notNull(defaults, "defaults must not be null");
			this.defaults = defaults;
			return this;
		}

		/**
		 * Adds a cache that is created when the manager is built.
		 * @param spec the cache's settings
		 * @return this builder
		 */
		public Builder cache(CacheSpec spec) {
			Assert.notNull(spec, "spec must not be null");
			this.caches.put(spec.name(), spec);
			return this;
		}

		/**
		 * Sets whether caches that were not added up front are created on first use.
		 * @param createOnDemand whether to create caches on demand
		 * @return this builder
		 */
		public Builder createOnDemand(boolean createOnDemand) {
			this.createOnDemand = createOnDemand;
			return this;
		}

		/**
		 * Sets how the shared tier of each cache is created; without one every cache is
		 * L1-only.
		 * @param remoteTiers the factory, or {@code null} for none
		 * @return this builder
		 */
		public Builder remoteTiers(@Nullable RemoteTierFactory remoteTiers) {
			this.remoteTiers = remoteTiers;
			return this;
		}

		/**
		 * Sets the time source of L1 expiry and of the wait for another instance's load
		 * ({@code single-flight-wait}); tests pass a fake ticker to move time.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "ticker must not be null");
			this.ticker = ticker;
			return this;
		}

		/**
		 * Sets the wall clock used to compute expiry times stored in L2.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Sets how keys are encoded for both tiers and for other instances.
		 * @param keyEncoder the encoder
		 * @return this builder
		 */
		public Builder keyEncoder(KeyEncoder keyEncoder) {
			Assert.notNull(keyEncoder, "keyEncoder must not be null");
			this.keyEncoder = keyEncoder;
			return this;
		}

		/**
		 * Sets who is told about changes other instances must apply to their L1 (the
		 * cross-instance invalidation bus).
		 * @param invalidationListener the listener
		 * @return this builder
		 */
		public Builder invalidationListener(InvalidationListener invalidationListener) {
			Assert.notNull(invalidationListener, "invalidationListener must not be null");
			this.invalidationListener = invalidationListener;
			return this;
		}

		/**
		 * Sets where background work runs: refresh-ahead and hot-key reloads, bulk-fill
		 * re-evictions (by default {@link RefreshExecutor#createDefault()}, threads of
		 * the cache's own).
		 * @param refreshExecutor the executor
		 * @return this builder
		 */
		public Builder refreshExecutor(RefreshExecutor refreshExecutor) {
			Assert.notNull(refreshExecutor, "refreshExecutor must not be null");
			this.refreshExecutor = refreshExecutor;
			return this;
		}

		/**
		 * Runs background work on an executor of the application's; see
		 * {@link #refreshExecutor(RefreshExecutor)}.
		 * @param refreshExecutor the executor
		 * @return this builder
		 */
		public Builder refreshExecutor(Executor refreshExecutor) {
			return refreshExecutor(RefreshExecutor.of(refreshExecutor));
		}

		/**
		 * Sets how long a {@link BulkFill} keeps watching its keys after it is closed:
		 * longer than the invalidation listener takes to notice lost messages, whose
		 * flush then removes the bulk-written keys again.
		 * @param bulkFillGuard the guard period, positive
		 * @return this builder
		 */
		public Builder bulkFillGuard(Duration bulkFillGuard) {
			Assert.isTrue(bulkFillGuard != null && !bulkFillGuard.isNegative() && !bulkFillGuard.isZero(),
					() -> "bulkFillGuard must be positive but was " + bulkFillGuard);
			this.bulkFillGuard = bulkFillGuard;
			return this;
		}

		/**
		 * Builds the manager and the caches added up front.
		 * @return the manager
		 */
		public TieredCacheManager build() {
			return new TieredCacheManager(this);
		}

	}

}
