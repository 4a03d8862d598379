package io.github.tieredcache.warming;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * When a warmer runs: on start-up or not, on a schedule (an interval or a cron
 * expression, never both), with which priority and for how long at most. Immutable;
 * change it with the {@code with} methods.
 *
 * @param onStartup whether to warm once when the application starts
 * @param interval how often to warm again, or {@code null}
 * @param cron when to warm again, as a Spring cron expression, or {@code null}
 * @param priority warmers with a higher priority start first
 * @param timeout how long one run may take, or {@code null} for
 * {@code tiered-cache.warming.timeout}
 */
public record WarmingPolicy(boolean onStartup, @Nullable Duration interval, @Nullable String cron, int priority,
		@Nullable Duration timeout) {

	/**
	 * The shortest interval between scheduled warms.
	 */
	public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

	private static final WarmingPolicy DEFAULTS = new WarmingPolicy(true, null, null, 0, null);

	/**
	 * Checks the policy.
	 * @throws IllegalArgumentException if the interval is shorter than a second, the
	 * timeout is not positive, the cron expression is invalid, or both an interval and a
	 * cron expression are given
	 */
	public WarmingPolicy {
		Assert.isTrue(interval == null || interval.compareTo(MIN_INTERVAL) >= 0,
				() -> "interval must be at least 1s (warmers run at most once a second) but was " + interval);
		Assert.isTrue(timeout == null || (!timeout.isNegative() && !timeout.isZero()),
				() -> "timeout must be positive but was " + timeout);
		Assert.isTrue(interval == null || cron == null,
				() -> "Give an interval or a cron expression, not both (interval " + interval + ", cron '" + cron
						+ "')");
		if (cron != null) {
			try {
				CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("'" + cron + "' is not a valid cron expression (" + ex.getMessage()
						+ "); write six fields: second minute hour day-of-month month day-of-week, such as "
						+ "'0 0 * * * *' for every hour", ex);
			}
		}
	}

	/**
	 * Returns the default policy: once on start-up, no schedule, priority 0, the default
	 * timeout.
	 * @return the policy
	 */
	public static WarmingPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns whether the warmer runs on a schedule.
	 * @return whether an interval or a cron expression is set
	 */
	public boolean scheduled() {
		return this.interval != null || this.cron != null;
	}

	/**
	 * Returns a copy that does or does not warm on start-up.
	 * @param onStartup whether to warm on start-up
	 * @return the new policy
	 */
	public WarmingPolicy withOnStartup(boolean onStartup) {
		return new WarmingPolicy(onStartup, this.interval, this.cron, this.priority, this.timeout);
	}

	/**
	 * Returns a copy that warms again at this interval (and on no cron expression).
	 * @param interval the interval, or {@code null} for none
	 * @return the new policy
	 */
	public WarmingPolicy withInterval(@Nullable Duration interval) {
		return new WarmingPolicy(this.onStartup, interval, (interval != null) ? null : this.cron, this.priority,
				this.timeout);
	}

	/**
	 * Returns a copy that warms again on this cron expression (and at no interval).
	 * @param cron the Spring cron expression, or {@code null} for none
	 * @return the new policy
	 */
	public WarmingPolicy withCron(@Nullable String cron) {
		return new WarmingPolicy(this.onStartup, (cron != null) ? null : this.interval, cron, this.priority,
				this.timeout);
	}

	/**
	 * Returns a copy with another priority.
	 * @param priority the priority; higher starts first
	 * @return the new policy
	 */
	public WarmingPolicy withPriority(int priority) {
		return new WarmingPolicy(this.onStartup, this.interval, this.cron, priority, this.timeout);
	}

	/**
	 * Returns a copy with another timeout.
	 * @param timeout the timeout, or {@code null} for the default
	 * @return the new policy
	 */
	public WarmingPolicy withTimeout(@Nullable Duration timeout) {
		return new WarmingPolicy(this.onStartup, this.interval, this.cron, this.priority, timeout);
	}

}
