package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.github.tieredcache.autoconfigure.TieredCacheProperties.CacheOverrides;
import io.github.tieredcache.autoconfigure.TieredCacheProperties.Defaults;
import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.SingleFlight;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Merges {@code tiered-cache.defaults} with each {@code tiered-cache.caches.<name>} into
 * an immutable {@link CacheSpec}, once, at start-up. {@link CacheSpec.Builder} checks
 * every value as it is set, so a value it rejects is reported under the exact property
 * that set it; the bound properties are read, never modified.
 */
final class CacheSpecResolver {

	private static final String DEFAULTS = "tiered-cache.defaults.";

	private static final String DURATION = "a positive duration no longer than 36500d, such as 10m, 30s or PT1H";

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
		CacheSpec.Builder builder = CacheSpec.builder("default");
		apply(builder, DEFAULTS, defaults.getTtl(), defaults.getTtlJitter(), defaults.isCacheNullValues(),
				defaults.getNullValueTtl(), defaults.getLeaseTtl(), defaults.getSingleFlight(),
				defaults.getSingleFlightWait(), defaults.getRefreshAhead(), defaults.getHotKeys(),
				defaults.getHotKeyRefreshBefore());
		apply(builder, DEFAULTS, defaults.getL1().isEnabled(), defaults.getL1().getMaxSize(), defaults.getL1().getTtl(),
				defaults.getL2().isEnabled(), defaults.getL2().getMaxValueSize());
		applyCompression(builder, DEFAULTS, defaults.getL2().getCompression().isEnabled(),
				defaults.getL2().getCompression().getThreshold());
		return build(builder, DEFAULTS, "the defaults");
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
		// Settings left unset keep what the builder starts from: the defaults
		CacheSpec.Builder builder = defaults.toBuilder(name);
		apply(builder, prefix, overrides.getTtl(), overrides.getTtlJitter(), overrides.getCacheNullValues(),
				overrides.getNullValueTtl(), overrides.getLeaseTtl(), overrides.getSingleFlight(),
				overrides.getSingleFlightWait(), overrides.getRefreshAhead(), overrides.getHotKeys(),
				overrides.getHotKeyRefreshBefore());
		apply(builder, prefix, overrides.getL1().getEnabled(), overrides.getL1().getMaxSize(),
				overrides.getL1().getTtl(), overrides.getL2().getEnabled(), overrides.getL2().getMaxValueSize());
		applyCompression(builder, prefix, overrides.getL2().getCompression().getEnabled(),
				overrides.getL2().getCompression().getThreshold());
		return build(builder, prefix, "cache '" + name + "'");
	}

	private static void apply(CacheSpec.Builder builder, String prefix, @Nullable Duration ttl,
			@Nullable Double ttlJitter, @Nullable Boolean cacheNullValues, @Nullable Duration nullValueTtl,
			@Nullable Duration leaseTtl, @Nullable SingleFlight singleFlight, @Nullable Duration singleFlightWait,
			@Nullable Double refreshAhead, @Nullable Integer hotKeys, @Nullable Duration hotKeyRefreshBefore) {
		set(prefix + "ttl", ttl, DURATION, builder::ttl);
		set(prefix + "ttl-jitter", ttlJitter, "a value from 0 (no jitter) up to but excluding 1, such as 0.1",
				builder::ttlJitter);
		set(prefix + "cache-null-values", cacheNullValues, "true or false", builder::cacheNullValues);
		set(prefix + "null-value-ttl", nullValueTtl, DURATION, builder::nullValueTtl);
		set(prefix + "lease-ttl", leaseTtl, DURATION, builder::leaseTtl);
		set(prefix + "single-flight", singleFlight, "instance or cluster", builder::singleFlight);
		set(prefix + "single-flight-wait", singleFlightWait, DURATION, builder::singleFlightWait);
		set(prefix + "refresh-ahead", refreshAhead, "0 (off) or a fraction below 1, such as 0.8",
				builder::refreshAhead);
		set(prefix + "hot-keys", hotKeys, "0 (off) or a number such as 100, at most " + CacheSpec.MAX_HOT_KEYS,
				builder::hotKeys);
		set(prefix + "hot-key-refresh-before", hotKeyRefreshBefore, DURATION, builder::hotKeyRefreshBefore);
	}

	private static void apply(CacheSpec.Builder builder, String prefix, @Nullable Boolean l1Enabled,
			@Nullable Long l1MaxSize, @Nullable Duration l1Ttl, @Nullable Boolean l2Enabled,
			@Nullable DataSize l2MaxValueSize) {
		set(prefix + "l1.enabled", l1Enabled, "true or false", builder::l1Enabled);
		set(prefix + "l1.max-size", l1MaxSize,
				"a number of entries such as 10000 (or disable L1 with l1.enabled=false)", builder::l1MaxSize);
		set(prefix + "l1.ttl", l1Ttl, DURATION, builder::l1Ttl);
		set(prefix + "l2.enabled", l2Enabled, "true or false", builder::l2Enabled);
		set(prefix + "l2.max-value-size", l2MaxValueSize, "a positive size such as 512KB or 1MB",
				(size) -> builder.l2MaxValueSize(size.toBytes()));
	}

	private static void applyCompression(CacheSpec.Builder builder, String prefix, @Nullable Boolean enabled,
			@Nullable DataSize threshold) {
		set(prefix + "l2.compression.enabled", enabled, "true or false", builder::l2Compression);
		set(prefix + "l2.compression.threshold", threshold, "a size such as 8KB (0 compresses every value)",
				(size) -> builder.l2CompressionThreshold(size.toBytes()));
	}

	private static <T> void set(String property, @Nullable T value, String fix, Consumer<T> setter) {
		if (value != null) {
			PropertyRules.apply(property, value, fix, () -> setter.accept(value));
		}
	}

	/**
	 * Builds the spec; what is left to fail is the one rule across settings, that a cache
	 * needs a tier.
	 */
	private static CacheSpec build(CacheSpec.Builder builder, String prefix, String subject) {
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTieredCachePropertyException(prefix + "l1.enabled", false,
					subject + " would have no tier at all (l2 is disabled too)",
					"Enable " + prefix + "l1.enabled or " + prefix + "l2.enabled.");
		}
	}

}
