package io.github.tieredcache.warming;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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

	private final WarmerRegistry registry;

	private final WarmerRunner runner;

	private final Ticker ticker;

	private volatile boolean running;

	private CacheWarming(Builder builder) {
		this.registry = new WarmerRegistry(builder.beanFactory, builder.cacheManager, builder.overrides);
		this.runner = new WarmerRunner(new WarmerFill(builder.cacheManager), builder.clock, builder.ticker,
				builder.defaultTimeout, builder.maxConcurrency);
		this.ticker = builder.ticker;
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
		this.registry.resolved();
	}

	/**
	 * Returns the state of every warmer, highest priority first.
	 * @return the warmers' states
	 */
	public List<WarmerState> warmers() {
		return this.registry.states();
	}

	/**
	 * Returns the state of one warmer.
	 * @param name the warmer's name
	 * @return its state, or {@code null} when there is no such warmer
	 */
	public @Nullable WarmerState warmer(String name) {
		Warmup warmup = this.registry.find(name);
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
		return this.runner.run(this.registry.get(name));
	}

	/**
	 * Returns the time source that measures runs and bounds start-up warming.
	 */
	Ticker ticker() {
		return this.ticker;
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
		this.runner.shutdownNow();
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

		private Ticker ticker = Ticker.systemTicker();

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
		 * Sets the time source that measures how long runs take and bounds how long
		 * start-up warming holds readiness ({@code startup-timeout}).
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "ticker must not be null");
			this.ticker = ticker;
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
