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

/**
 * {@code tiered-cache.warming.*} applied over what warmers declare: per-warmer settings
 * first, then the global default interval for warmers left without a schedule. Checks
 * every schedule when created, against {@link WarmingPolicy}'s rules, so a bad one stops
 * start-up naming its property.
 */
final class ConfiguredWarmerOverrides implements WarmerOverrides {

	private static final String PREFIX = "tiered-cache.warming.";

	private static final String INTERVAL = "1s or more, such as 15m";

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
		Duration interval = properties.getInterval();
		if (interval != null) {
			PropertyRules.apply(PREFIX + "interval", interval, INTERVAL,
					() -> WarmingPolicy.defaults().withInterval(interval));
		}
		properties.getWarmers().forEach(ConfiguredWarmerOverrides::validate);
	}

	private static void validate(String name, WarmerProperties warmer) {
		String prefix = PREFIX + "warmers." + name + ".";
		Duration interval = warmer.getInterval();
		Duration timeout = warmer.getTimeout();
		String cron = warmer.getCron();
		WarmingPolicy policy = WarmingPolicy.defaults();
		if (interval != null) {
			PropertyRules.apply(prefix + "interval", interval, INTERVAL, () -> policy.withInterval(interval));
		}
		if (timeout != null) {
			PropertyRules.apply(prefix + "timeout", timeout, "a positive duration such as 30s or 5m",
					() -> policy.withTimeout(timeout));
		}
		if (cron != null) {
			PropertyRules.apply(prefix + "cron", cron, "a Spring cron expression such as '0 0 * * * *'",
					() -> policy.withCron(cron));
		}
		if (interval != null && cron != null) {
			try {
				new WarmingPolicy(policy.onStartup(), interval, cron, policy.priority(), timeout);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidTieredCachePropertyException(prefix + "cron", cron, ex.getMessage(),
						"Remove " + prefix + "interval or " + prefix + "cron");
			}
		}
	}

}
