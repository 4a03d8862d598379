package io.github.tieredcache.warming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The application's warmers and the pool that runs them. Once every singleton exists it
 * collects the {@link CacheWarmer} beans and the
 * {@link io.github.tieredcache.annotation.Warmer} methods, applies configuration to them
 * and checks them (duplicate names, unknown caches, configuration naming no warmer), so
 * mistakes stop start-up.
 *
 * <p>
 * Runs happen on a pool of {@code max-concurrency} daemon threads, in order of priority.
 * A run that outlives its timeout is interrupted and nothing it loads afterwards is
 * written; a run that throws is logged and counted; neither affects other warmers or the
 * application. A warmer never runs twice at once: a run requested while one is going is
 * skipped.
 *
 * <p>
 * Thread-safe.
 */
public final class CacheWarming implements SmartInitializingSingleton, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(CacheWarming.class);

	private final ListableBeanFactory beanFactory;

	private final Supplier<@Nullable CacheManager> cacheManager;

	private final WarmerOverrides overrides;

	private final Clock clock;

	private final Duration defaultTimeout;

	private final ExecutorService pool;

	private final ScheduledExecutorService watchdog;

	private volatile @Nullable Map<String, Warmup> warmers;

	private volatile boolean running;

	private CacheWarming(Builder builder) {
		this.beanFactory = builder.beanFactory;
		this.cacheManager = builder.cacheManager;
		this.overrides = builder.overrides;
		this.clock = builder.clock;
		this.defaultTimeout = builder.defaultTimeout;
		this.pool = Executors.newFixedThreadPool(builder.maxConcurrency, WarmingThreads.named("tiered-cache-warming-"));
		this.watchdog = Executors
			.newSingleThreadScheduledExecutor(WarmingThreads.named("tiered-cache-warming-watchdog-"));
	}

	/**
	 * Starts building warming for the warmers of a bean factory.
	 * @param beanFactory where the warmers are declared
	 * @param cacheManager the cache manager the warmers fill
	 * @return a builder
	 */
	public static Builder builder(ListableBeanFactory beanFactory, Supplier<@Nullable CacheManager> cacheManager) {
		return new Builder(beanFactory, cacheManager);
	}

	@Override
	public void afterSingletonsInstantiated() {
		resolved();
	}

	/**
	 * Collects the warmers the first time they are needed: once every singleton exists,
	 * by this bean or by whoever asks first (meter binders bind at the same stage).
	 */
	private Map<String, Warmup> resolved() {
		Map<String, Warmup> current = this.warmers;
		if (current == null) {
			synchronized (this) {
				current = this.warmers;
				if (current == null) {
					current = resolve();
					this.warmers = current;
				}
			}
		}
		return current;
	}

	private Map<String, Warmup> resolve() {
		List<WarmerDefinition> declared = new ArrayList<>();
		this.beanFactory.getBeansOfType(CacheWarmer.class)
			.forEach((beanName, warmer) -> declared.add(WarmerDefinition.of(warmer, beanName)));
		declared.addAll(WarmerMethods.find(this.beanFactory));
		Map<String, Warmup> resolved = new LinkedHashMap<>();
		for (WarmerDefinition definition : declared) {
			Warmup previous = resolved.get(definition.name());
			if (previous != null) {
				throw new InvalidCacheAnnotationException(definition.origin(),
						"its name '" + definition.name() + "' is also the name of " + previous.state().origin(),
						"Give each warmer its own name (@Warmer(name = ...) or CacheWarmer.name())", null);
			}
			if (!this.overrides.enabled(definition.name())) {
				continue;
			}
			checkCache(definition);
			WarmingPolicy policy = this.overrides.apply(definition.name(), definition.policy());
			resolved.put(definition.name(), new Warmup(definition,
					new WarmerState(definition.name(), definition.cache(), policy, definition.origin())));
		}
		Set<String> declaredNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		declared.forEach((definition) -> declaredNames.add(definition.name()));
		for (String configured : this.overrides.names()) {
			if (!declaredNames.contains(configured)) {
				throw new InvalidCacheAnnotationException("tiered-cache.warming.warmers." + configured,
						"no warmer is called '" + configured + "'; the warmers are " + declaredNames,
						"Use the name of a CacheWarmer bean or @Warmer method, or remove the entry", null);
			}
		}
		return Map.copyOf(resolved);
	}

	private void checkCache(WarmerDefinition definition) {
		String cache = definition.cache();
		if (cache != null && this.cacheManager.get() instanceof TieredCacheManager tiered && !tiered.isCreateOnDemand()
				&& !tiered.getCacheNames().contains(cache)) {
			throw new InvalidCacheAnnotationException(definition.origin(),
					"it fills cache '" + cache + "', which is not configured, and caches are not created on demand",
					"Declare the cache under tiered-cache.caches." + cache
							+ " or set tiered-cache.create-on-demand=true",
					null);
		}
	}

	/**
	 * Returns the state of every warmer, highest priority first.
	 * @return the warmers' states
	 */
	public List<WarmerState> warmers() {
		return resolved().values()
			.stream()
			.map(Warmup::state)
			.sorted(Comparator.comparingInt((WarmerState state) -> -state.policy().priority())
				.thenComparing(WarmerState::name))
			.toList();
	}

	/**
	 * Returns the state of one warmer.
	 * @param name the warmer's name
	 * @return its state, or {@code null} when there is no such warmer
	 */
	public @Nullable WarmerState warmer(String name) {
		Warmup warmup = resolved().get(name);
		return (warmup != null) ? warmup.state() : null;
	}

	/**
	 * Runs a warmer now, on the warming pool.
	 * @param name the warmer's name
	 * @return completes with the warmer's state once the run has ended (or was skipped
	 * because a run was already going)
	 * @throws IllegalArgumentException if there is no such warmer
	 */
	public CompletableFuture<WarmerState> warm(String name) {
		Warmup warmup = resolved().get(name);
		Assert.isTrue(warmup != null,
				() -> "No warmer is called '" + name + "'; the warmers are " + new TreeSet<>(resolved().keySet()));
		return run(warmup);
	}

	CompletableFuture<WarmerState> run(Warmup warmup) {
		WarmerState state = warmup.state();
		CompletableFuture<WarmerState> done = new CompletableFuture<>();
		CompletableFuture<WarmerState> going = state.reserve(done);
		if (going != null) {
			// Already queued or running: whoever asks waits for that run
			return going;
		}
		try {
			this.pool.execute(() -> {
				try {
					execute(warmup);
				}
				finally {
					state.release();
					done.complete(state);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shutting down
			state.release();
			done.complete(state);
		}
		return done;
	}

	private void execute(Warmup warmup) {
		WarmerState state = warmup.state();
		Duration timeout = (state.policy().timeout() != null) ? state.policy().timeout() : this.defaultTimeout;
		state.started(this.clock.instant());
		long start = System.nanoTime();
		WarmerRun run = new WarmerRun(Thread.currentThread());
		ScheduledFuture<?> deadline = this.watchdog.schedule(() -> {
			if (run.timeOut()) {
				state.timedOut(Duration.ofNanos(System.nanoTime() - start));
				logger.warn("Warmer '" + state.name() + "' did not finish loading within " + timeout
						+ " and was interrupted; raise its timeout (tiered-cache.warming.warmers." + state.name()
						+ ".timeout) if it needs longer");
			}
		}, timeout.toNanos(), TimeUnit.NANOSECONDS);
		try {
			long entries = fill(warmup.definition(), run);
			if (run.end()) {
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				state.succeeded(took, entries);
				logger.info("Warmer '" + state.name() + "' " + describe(entries, state.cache()) + " in "
						+ took.toMillis() + " ms");
			}
		}
		catch (Throwable ex) {
			if (run.end()) {
				state.failed(Duration.ofNanos(System.nanoTime() - start), ex);
				logger.warn("Warmer '" + state.name() + "' (" + state.origin() + ") failed; the application carries "
						+ "on with cold entries", ex);
			}
			if (ex instanceof Error error && !(ex instanceof AssertionError)) {
				throw error;
			}
		}
		finally {
			deadline.cancel(false);
			run.leave();
		}
	}

	/**
	 * Loads a warmer's entries and writes them.
	 * @return how many entries were written, or -1 when unknown
	 */
	private long fill(WarmerDefinition definition, WarmerRun run) throws Exception {
		String cacheName = definition.cache();
		Cache cache = (cacheName != null) ? cache(cacheName) : null;
		if (cache instanceof TieredCache tiered) {
			long loadsBefore = tiered.statistics().snapshot().loadSuccesses();
			try (BulkFill fill = tiered.bulkFill()) {
				Map<?, ?> entries = definition.source().load();
				if (entries == null) {
					return tiered.statistics().snapshot().loadSuccesses() - loadsBefore;
				}
				startWriting(run);
				BulkFill.Result result = fill.write(entries);
				if (result.skipped() > 0) {
					logger.info("Warmer '" + definition.name() + "' left out " + result.skipped() + " of "
							+ entries.size() + " entries: written or invalidated while it loaded them, or null");
				}
				return result.written();
			}
		}
		Map<?, ?> entries = definition.source().load();
		if (entries == null || cache == null) {
			return -1;
		}
		startWriting(run);
		entries.forEach(cache::put);
		return entries.size();
	}

	private Cache cache(String name) {
		CacheManager manager = this.cacheManager.get();
		Cache cache = (manager != null) ? manager.getCache(name) : null;
		if (cache == null) {
			throw new IllegalStateException("No cache named '" + name + "' to warm");
		}
		return cache;
	}

	private static void startWriting(WarmerRun run) throws InterruptedException {
		if (!run.startWriting()) {
			throw new InterruptedException("Timed out before writing its entries");
		}
	}

	private static String describe(long entries, @Nullable String cache) {
		if (entries < 0) {
			return "finished";
		}
		return "wrote " + String.format("%,d", entries) + ((entries == 1) ? " entry" : " entries") + " to cache '"
				+ cache + "'";
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Interrupts running warmers and drops queued ones, before the invalidation bus and
	 * the Redis connections stop.
	 */
	@Override
	public void stop() {
		this.running = false;
		destroy();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
		this.watchdog.shutdownNow();
	}

	/**
	 * A resolved warmer and its state.
	 */
	record Warmup(WarmerDefinition definition, WarmerState state) {

	}

	/**
	 * Default longest time one run of a warmer without a timeout of its own may take.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Default number of warmers running at once.
	 */
	public static final int DEFAULT_MAX_CONCURRENCY = 2;

	/**
	 * The most warmers that may run at once: each one queries the application's sources.
	 */
	public static final int MAX_CONCURRENCY = 64;

	/**
	 * Builds {@link CacheWarming}.
	 */
	public static final class Builder {

		private final ListableBeanFactory beanFactory;

		private final Supplier<@Nullable CacheManager> cacheManager;

		private WarmerOverrides overrides = WarmerOverrides.NONE;

		private Clock clock = Clock.systemUTC();

		private Duration defaultTimeout = DEFAULT_TIMEOUT;

		private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

		private Builder(ListableBeanFactory beanFactory, Supplier<@Nullable CacheManager> cacheManager) {
			Assert.notNull(beanFactory, "beanFactory must not be null");
			Assert.notNull(cacheManager, "cacheManager must not be null");
			this.beanFactory = beanFactory;
			this.cacheManager = cacheManager;
		}

		/**
		 * Sets what configuration says about individual warmers.
		 * @param overrides the overrides
		 * @return this builder
		 */
		public Builder overrides(WarmerOverrides overrides) {
			Assert.notNull(overrides, "overrides must not be null");
			this.overrides = overrides;
			return this;
		}

		/**
		 * Sets the clock that dates runs.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Sets how long a run of a warmer without its own timeout may take.
		 * @param defaultTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder defaultTimeout(Duration defaultTimeout) {
			Assert.isTrue(defaultTimeout != null && !defaultTimeout.isNegative() && !defaultTimeout.isZero(),
					() -> "defaultTimeout must be positive but was " + defaultTimeout);
			this.defaultTimeout = defaultTimeout;
			return this;
		}

		/**
		 * Sets how many warmers may run at once.
		 * @param maxConcurrency the number of warming threads, between 1 and 64
		 * @return this builder
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			Assert.isTrue(maxConcurrency >= 1 && maxConcurrency <= MAX_CONCURRENCY,
					() -> "maxConcurrency must be between 1 and " + MAX_CONCURRENCY + " but was " + maxConcurrency);
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		/**
		 * Builds the warming; its warmers are collected once every singleton exists.
		 * @return the warming
		 */
		public CacheWarming build() {
			return new CacheWarming(this);
		}

	}

}
