package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of cache warming, bound from {@code tiered-cache.warming.*}; resolved
 * once at start-up. The defaults are those of {@code CacheWarming},
 * {@code StartupWarming} and {@code ScheduledWarming}, repeated as literals for the IDE
 * metadata (and kept equal by {@code PropertyDefaultsTests}).
 */
@ConfigurationProperties("tiered-cache.warming")
public class TieredCacheWarmingProperties {

	/**
	 * Whether to run cache warmers (CacheWarmer beans and @Warmer methods) at all.
	 */
	private boolean enabled = true;

	/**
	 * Whether to run the warmers that warm on start-up when the application starts.
	 */
	private boolean onStartup = true;

	/**
	 * How often to warm again with warmers that declare no interval or cron expression of
	 * their own. Unset: those warm on start-up only.
	 */
	private @Nullable Duration interval;

	/**
	 * Most warmers running at once.
	 */
	private int maxConcurrency = 2;

	/**
	 * Longest time start-up warming may hold the application's readiness; after it the
	 * application accepts traffic and unfinished warmers carry on in the background.
	 */
	private Duration startupTimeout = Duration.ofMinutes(5);

	/**
	 * Longest time one run of a warmer may take before it is interrupted, for warmers
	 * without a timeout of their own.
	 */
	private Duration timeout = Duration.ofMinutes(2);

	/**
	 * Whether the application reports itself ready (readiness ACCEPTING_TRAFFIC) only
	 * once start-up warming has finished. When false, warmers run in the background.
	 */
	private boolean holdReadiness = true;

	/**
	 * Whether a start-up warmer that fails or times out stops the application.
	 */
	private boolean failFast = false;

	/**
	 * Largest random delay into each scheduled slot, as a fraction of the slot's length
	 * (0 to 1), so instances and warmers do not all query at the same instant.
	 */
	private double jitter = 0.1;

	/**
	 * How often start-up warming logs its progress while it waits.
	 */
	private Duration progressInterval = Duration.ofSeconds(10);

	/**
	 * Per-warmer settings, by warmer name; they override the warmer's annotation or
	 * policy.
	 */
	private final Map<String, WarmerProperties> warmers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isOnStartup() {
		return this.onStartup;
	}

	public void setOnStartup(boolean onStartup) {
		this.onStartup = onStartup;
	}

	public @Nullable Duration getInterval() {
		return this.interval;
	}

	public void setInterval(@Nullable Duration interval) {
		this.interval = interval;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isHoldReadiness() {
		return this.holdReadiness;
	}

	public void setHoldReadiness(boolean holdReadiness) {
		this.holdReadiness = holdReadiness;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	public Map<String, WarmerProperties> getWarmers() {
		return this.warmers;
	}

	/**
	 * Settings of one warmer; unset fields keep what the warmer declares.
	 */
	public static class WarmerProperties {

		/**
		 * Whether this warmer runs at all.
		 */
		private boolean enabled = true;

		/**
		 * Whether this warmer runs on start-up.
		 */
		private @Nullable Boolean onStartup;

		/**
		 * How often this warmer runs again; replaces a declared cron expression.
		 */
		private @Nullable Duration interval;

		/**
		 * When this warmer runs again, as a Spring cron expression (six fields, e.g. '0 0
		 * * * * *'); replaces a declared interval.
		 */
		private @Nullable String cron;

		/**
		 * This warmer's priority; higher starts first.
		 */
		private @Nullable Integer priority;

		/**
		 * Longest time one run of this warmer may take.
		 */
		private @Nullable Duration timeout;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getOnStartup() {
			return this.onStartup;
		}

		public void setOnStartup(@Nullable Boolean onStartup) {
			this.onStartup = onStartup;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable Integer getPriority() {
			return this.priority;
		}

		public void setPriority(@Nullable Integer priority) {
			this.priority = priority;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

	}

}
