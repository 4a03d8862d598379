package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.tieredcache.autoconfigure.TieredCacheProperties.CacheOverrides;
import io.github.tieredcache.autoconfigure.TieredCacheProperties.Defaults;
import io.github.tieredcache.cache.CacheSpec;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Merges {@code tiered-cache.defaults} with each {@code tiered-cache.caches.<name>} into
 * an immutable {@link CacheSpec}, once, at start-up. Every value is checked where it was
 * written, so an error names the exact property to fix; the bound properties are read,
 * never modified.
 */
final class CacheSpecResolver {

	private static final String DEFAULTS = "tiered-cache.defaults.";

	private final TieredCacheProperties properties;

	CacheSpecResolver(TieredCacheProperties properties) {
		this.properties = properties;
	}

	/**
	 * Returns the settings caches start from, validated.
	 * @return the default spec (named {@code default})
	 */
	CacheSpec defaults() {
		Defaults defaults = this.properties.getDefaults();
		return CacheSpec.builder("default")
			.ttl(positive(DEFAULTS + "ttl", defaults.getTtl()))
			.ttlJitter(jitter(DEFAULTS + "ttl-jitter", defaults.getTtlJitter()))
			.cacheNullValues(defaults.isCacheNullValues())
			.nullValueTtl(positive(DEFAULTS + "null-value-ttl", defaults.getNullValueTtl()))
			.l1Enabled(defaults.getL1().isEnabled())
			.l1MaxSize(notNegative(DEFAULTS + "l1.max-size", defaults.getL1().getMaxSize()))
			.l1Ttl(positive(DEFAULTS + "l1.ttl", defaults.getL1().getTtl()))
			.l2Enabled(defaults.getL2().isEnabled())
			.l2MaxValueSize(positive(DEFAULTS + "l2.max-value-size", defaults.getL2().getMaxValueSize()))
			.leaseTtl(positive(DEFAULTS + "lease-ttl", defaults.getLeaseTtl()))
			.singleFlight(defaults.getSingleFlight())
			.singleFlightWait(positive(DEFAULTS + "single-flight-wait", defaults.getSingleFlightWait()))
			.refreshAhead(refreshAhead(DEFAULTS + "refresh-ahead", defaults.getRefreshAhead()))
			.hotKeys(hotKeys(DEFAULTS + "hot-keys", defaults.getHotKeys()))
			.hotKeyRefreshBefore(positive(DEFAULTS + "hot-key-refresh-before", defaults.getHotKeyRefreshBefore()))
			.build();
	}

	/**
	 * Returns the settings of every cache named under {@code tiered-cache.caches},
	 * validated.
	 * @return the specs by cache name, in configuration order
	 */
	Map<String, CacheSpec> caches() {
		CacheSpec defaults = defaults();
		Map<String, CacheSpec> specs = new LinkedHashMap<>();
		this.properties.getCaches().forEach((name, overrides) -> specs.put(name, resolve(defaults, name, overrides)));
		return specs;
	}

	private static CacheSpec resolve(CacheSpec defaults, String name, CacheOverrides overrides) {
		if (name.isBlank()) {
			throw new InvalidTieredCachePropertyException("tiered-cache.caches", name, "a cache name is blank",
					"Give every entry under tiered-cache.caches a non-blank cache name.");
		}
		String prefix = "tiered-cache.caches." + name + ".";
		boolean l1Enabled = or(overrides.getL1().getEnabled(), defaults.l1Enabled());
		boolean l2Enabled = or(overrides.getL2().getEnabled(), defaults.l2Enabled());
		if (!l1Enabled && !l2Enabled) {
			throw new InvalidTieredCachePropertyException(prefix + "l1.enabled", false,
					"cache '" + name + "' would have no tier at all (l2 is disabled too)",
					"Enable " + prefix + "l1.enabled or " + prefix + "l2.enabled.");
		}
		return CacheSpec.builder(name)
			.ttl(positive(prefix + "ttl", or(overrides.getTtl(), defaults.ttl())))
			.ttlJitter(jitter(prefix + "ttl-jitter", or(overrides.getTtlJitter(), defaults.ttlJitter())))
			.cacheNullValues(or(overrides.getCacheNullValues(), defaults.cacheNullValues()))
			.nullValueTtl(positive(prefix + "null-value-ttl", or(overrides.getNullValueTtl(), defaults.nullValueTtl())))
			.l1Enabled(l1Enabled)
			.l1MaxSize(notNegative(prefix + "l1.max-size", or(overrides.getL1().getMaxSize(), defaults.l1MaxSize())))
			.l1Ttl(positive(prefix + "l1.ttl", or(overrides.getL1().getTtl(), defaults.l1Ttl())))
			.l2Enabled(l2Enabled)
			.l2MaxValueSize(positive(prefix + "l2.max-value-size",
					or(overrides.getL2().getMaxValueSize(), DataSize.ofBytes(defaults.l2MaxValueSize()))))
			.leaseTtl(positive(prefix + "lease-ttl", or(overrides.getLeaseTtl(), defaults.leaseTtl())))
			.singleFlight(or(overrides.getSingleFlight(), defaults.singleFlight()))
			.singleFlightWait(positive(prefix + "single-flight-wait",
					or(overrides.getSingleFlightWait(), defaults.singleFlightWait())))
			.refreshAhead(
					refreshAhead(prefix + "refresh-ahead", or(overrides.getRefreshAhead(), defaults.refreshAhead())))
			.hotKeys(hotKeys(prefix + "hot-keys", or(overrides.getHotKeys(), defaults.hotKeys())))
			.hotKeyRefreshBefore(positive(prefix + "hot-key-refresh-before",
					or(overrides.getHotKeyRefreshBefore(), defaults.hotKeyRefreshBefore())))
			.build();
	}

	private static <T> T or(@Nullable T value, T inherited) {
		return (value != null) ? value : inherited;
	}

	private static Duration positive(String property, Duration value) {
		if (value.compareTo(CacheSpec.MAX_TTL) > 0) {
			throw new InvalidTieredCachePropertyException(property, format(value),
					"a time-to-live may be at most 36500d (100 years)",
					"Set " + property + " to a positive duration no longer than 36500d, such as 10m or 30d.");
		}
		if (value.isNegative() || value.isZero()) {
			throw new InvalidTieredCachePropertyException(property, format(value), "a time-to-live must be positive",
					"Set " + property + " to a positive duration such as 10m, 30s or PT1H.");
		}
		return value;
	}

	private static long positive(String property, DataSize value) {
		if (value.toBytes() <= 0) {
			throw new InvalidTieredCachePropertyException(property, value, "the size must be positive",
					"Set " + property + " to a positive size such as 512KB or 1MB.");
		}
		return value.toBytes();
	}

	private static long notNegative(String property, long value) {
		if (value < 0) {
			throw new InvalidTieredCachePropertyException(property, value, "the size must not be negative",
					"Set " + property + " to a number of entries such as 10000 (or disable L1 with l1.enabled=false).");
		}
		return value;
	}

	private static double jitter(String property, double value) {
		if (!(value >= 0.0 && value < 1.0)) {
			throw new InvalidTieredCachePropertyException(property, value, "the jitter is a fraction of the TTL",
					"Set " + property + " to a value from 0 (no jitter) up to but excluding 1, such as 0.1.");
		}
		return value;
	}

	private static int hotKeys(String property, int value) {
		if (value < 0 || value > 100_000) {
			throw new InvalidTieredCachePropertyException(property, value,
					"hot-keys is how many of the most-read keys to keep warm",
					"Set " + property + " to 0 (off) or a number such as 100, at most 100000.");
		}
		return value;
	}

	private static double refreshAhead(String property, double value) {
		if (!(value >= 0.0 && value < 1.0)) {
			throw new InvalidTieredCachePropertyException(property, value,
					"refresh-ahead is the fraction of the TTL after which reads refresh an entry",
					"Set " + property + " to 0 (off) or a fraction below 1, such as 0.8.");
		}
		return value;
	}

	private static String format(Duration value) {
		long millis = value.toMillis();
		if (millis % 3_600_000 == 0 && millis != 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0 && millis != 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
