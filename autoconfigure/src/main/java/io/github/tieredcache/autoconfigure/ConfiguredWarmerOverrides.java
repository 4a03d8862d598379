package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.tieredcache.autoconfigure.TieredCacheWarmingProperties.WarmerProperties;
import io.github.tieredcache.warming.WarmerOverrides;
import io.github.tieredcache.warming.WarmingPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * {@code tiered-cache.warming.*} applied over what warmers declare: per-warmer settings
 * first, then the global default interval for warmers left without a schedule. Checks
 * every value when created, so a bad one stops start-up naming its property.
 */
final class ConfiguredWarmerOverrides implements WarmerOverrides {

	private static final String PREFIX = "tiered-cache.warming.";

	private final Map<String, WarmerProperties> warmers;

	private final @Nullable Duration defaultInterval;

	ConfiguredWarmerOverrides(TieredCacheWarmingProperties properties) {
		// Environment variables bind map keys in lower case: match names ignoring case
		Map<String, WarmerProperties> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		byName.putAll(properties.getWarmers());
		this.warmers = byName;
		this.defaultInterval = properties.getInterval();
		validate(properties);
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(this.warmers.keySet());
	}

	@Override
	public boolean enabled(String warmer) {
		WarmerProperties configured = this.warmers.get(warmer);
		return configured == null || configured.isEnabled();
	}

	@Override
	public WarmingPolicy apply(String warmer, WarmingPolicy declared) {
		WarmingPolicy policy = declared;
		WarmerProperties configured = this.warmers.get(warmer);
		if (configured != null) {
			if (configured.getOnStartup() != null) {
				policy = policy.withOnStartup(configured.getOnStartup());
			}
			if (configured.getInterval() != null) {
				policy = policy.withInterval(configured.getInterval());
			}
			if (configured.getCron() != null) {
				policy = policy.withCron(configured.getCron());
			}
			if (configured.getPriority() != null) {
				policy = policy.withPriority(configured.getPriority());
			}
			if (configured.getTimeout() != null) {
				policy = policy.withTimeout(configured.getTimeout());
			}
		}
		if (!policy.scheduled() && this.defaultInterval != null) {
			policy = policy.withInterval(this.defaultInterval);
		}
		return policy;
	}

	private static void validate(TieredCacheWarmingProperties properties) {
		if (properties.getMaxConcurrency() < 1 || properties.getMaxConcurrency() > 64) {
			throw new InvalidTieredCachePropertyException(PREFIX + "max-concurrency", properties.getMaxConcurrency(),
					"between 1 and 64 warmers may run at once",
					"Set " + PREFIX + "max-concurrency to a small number such as 2; each running warmer "
							+ "queries the database");
		}
		positive("startup-timeout", properties.getStartupTimeout());
		positive("timeout", properties.getTimeout());
		positive("progress-interval", properties.getProgressInterval());
		if (properties.getInterval() != null) {
			interval("interval", properties.getInterval());
		}
		if (!(properties.getJitter() >= 0 && properties.getJitter() <= 1)) {
			throw new InvalidTieredCachePropertyException(PREFIX + "jitter", properties.getJitter(),
					"the jitter is a fraction of the schedule's interval, between 0 and 1",
					"Set " + PREFIX + "jitter to a value such as 0.1, or 0 for none");
		}
		properties.getWarmers().forEach(ConfiguredWarmerOverrides::validate);
	}

	private static void validate(String name, WarmerProperties warmer) {
		String prefix = "warmers." + name + ".";
		if (warmer.getInterval() != null) {
			interval(prefix + "interval", warmer.getInterval());
		}
		if (warmer.getTimeout() != null) {
			positive(prefix + "timeout", warmer.getTimeout());
		}
		if (warmer.getInterval() != null && warmer.getCron() != null) {
			throw new InvalidTieredCachePropertyException(PREFIX + prefix + "cron", warmer.getCron(),
					"a warmer runs at an interval or on a cron expression, not both",
					"Remove " + PREFIX + prefix + "interval or " + PREFIX + prefix + "cron");
		}
		if (warmer.getCron() != null) {
			try {
				CronExpression.parse(warmer.getCron());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidTieredCachePropertyException(PREFIX + prefix + "cron", warmer.getCron(),
						"not a cron expression (" + ex.getMessage() + ")",
						"Write six fields: second minute hour day-of-month month day-of-week, such as '0 0 * * * *' "
								+ "for every hour");
			}
		}
	}

	private static void interval(String property, Duration value) {
		if (value.compareTo(WarmingPolicy.MIN_INTERVAL) < 0) {
			throw new InvalidTieredCachePropertyException(PREFIX + property, value, "warmers run at most once a second",
					"Set " + PREFIX + property + " to 1s or more, such as 15m");
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidTieredCachePropertyException(PREFIX + property, value, "it must be positive",
					"Set " + PREFIX + property + " to a positive duration such as 30s or 5m");
		}
	}

}
