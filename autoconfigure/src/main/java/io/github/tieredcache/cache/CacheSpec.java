package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * The resolved, immutable settings of one tiered cache: the application's defaults merged
 * with the overrides for this cache, validated once. Use {@link #builder(String)} to
 * create one and the {@code with...} methods to derive a variant.
 *
 * <p>
 * Instances are immutable and thread-safe. The type is long because it is the one place
 * that owns each per-cache setting's default and rule (constants, checks and builder), as
 * Caffeine's builder is for its settings.
 *
 * @param name the cache name
 * @param ttl how long an entry lives in the cache (the Redis TTL)
 * @param ttlJitter fraction in {@code [0, 1)} by which each entry's TTL is randomly
 * shortened, so entries written together do not expire together
 * @param cacheNullValues whether {@code null} results are cached (as Spring's
 * {@link org.springframework.cache.support.NullValue})
 * @param nullValueTtl how long a cached {@code null} lives, usually shorter than
 * {@code ttl}
 * @param l1Enabled whether the in-process tier is used
 * @param l1MaxSize maximum number of entries in the in-process tier
 * @param l1Ttl upper bound on how long an entry lives in the in-process tier; the
 * effective value is never longer than {@code ttl}
 * @param l2Enabled whether the shared (Redis) tier is used
 * @param l2MaxValueSize largest serialized value, in bytes, written to the shared tier;
 * larger values stay in L1 only
 * @param leaseTtl how long a loader's fill lease lives in the shared tier: a load that
 * takes longer still returns its value, but no longer writes it to L2
 * @param singleFlight whether concurrent loads of one key are collapsed per instance or
 * across all instances
 * @param singleFlightWait with {@link SingleFlight#CLUSTER}, how long a caller waits for
 * another instance's load before loading itself
 * @param refreshAhead fraction in {@code [0, 1)} of the TTL after which a read of an
 * entry also reloads it in the background; {@code 0} switches refresh-ahead off
 * @param hotKeys how many of the most-read L1 keys are reloaded in the background when
 * read within {@code hotKeyRefreshBefore} of their expiry; {@code 0} switches hot-key
 * refresh off; ignored without L1, which is what ranks keys by reads
 * @param hotKeyRefreshBefore how long before its expiry a hot key is reloaded
 * @param l2Compression whether large values are compressed in the shared tier
 * @param l2CompressionThreshold the smallest serialized value, in bytes, compressed in
 * the shared tier
 */
public record CacheSpec(String name, Duration ttl, double ttlJitter, boolean cacheNullValues, Duration nullValueTtl,
		boolean l1Enabled, long l1MaxSize, Duration l1Ttl, boolean l2Enabled, long l2MaxValueSize, Duration leaseTtl,
		SingleFlight singleFlight, Duration singleFlightWait, double refreshAhead, int hotKeys,
		Duration hotKeyRefreshBefore, boolean l2Compression, long l2CompressionThreshold) {

	/**
	 * The longest TTL a cache accepts: 100 years, far beyond any real need and well
	 * inside what millisecond and nanosecond arithmetic can hold.
	 */
	public static final Duration MAX_TTL = Duration.ofDays(36_500);

	/**
	 * The most hot keys a cache keeps warm.
	 */
	public static final int MAX_HOT_KEYS = 100_000;

	/**
	 * Default {@code ttl}: one hour.
	 */
	public static final Duration DEFAULT_TTL = Duration.ofHours(1);

	/**
	 * Default {@code ttlJitter}: none.
	 */
	public static final double DEFAULT_TTL_JITTER = 0.0;

	/**
	 * Default {@code cacheNullValues}: {@code null} results are cached.
	 */
	public static final boolean DEFAULT_CACHE_NULL_VALUES = true;

	/**
	 * Default {@code nullValueTtl}: one minute.
	 */
	public static final Duration DEFAULT_NULL_VALUE_TTL = Duration.ofMinutes(1);

	/**
	 * Default {@code l1Enabled}: the in-process tier is used.
	 */
	public static final boolean DEFAULT_L1_ENABLED = true;

	/**
	 * Default {@code l1MaxSize}: 10,000 entries.
	 */
	public static final long DEFAULT_L1_MAX_SIZE = 10_000;

	/**
	 * Default {@code l1Ttl}: five minutes.
	 */
	public static final Duration DEFAULT_L1_TTL = Duration.ofMinutes(5);

	/**
	 * Default {@code l2Enabled}: the shared tier is used.
	 */
	public static final boolean DEFAULT_L2_ENABLED = true;

	/**
	 * Default {@code l2MaxValueSize}: 1 MB.
	 */
	public static final long DEFAULT_L2_MAX_VALUE_SIZE = 1024 * 1024;

	/**
	 * Default {@code l2Compression}: values of at least the threshold are compressed.
	 */
	public static final boolean DEFAULT_L2_COMPRESSION = true;

	/**
	 * Default {@code l2CompressionThreshold}: 8 KB, well above a typical entity's JSON,
	 * so that small values (most hits) pay nothing.
	 */
	public static final long DEFAULT_L2_COMPRESSION_THRESHOLD = 8 * 1024;

	/**
	 * Default {@code leaseTtl}: thirty seconds.
	 */
	public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);

	/**
	 * Default {@code singleFlight}: one load per key and instance.
	 */
	public static final SingleFlight DEFAULT_SINGLE_FLIGHT = SingleFlight.INSTANCE;

	/**
	 * Default {@code singleFlightWait}: two seconds.
	 */
	public static final Duration DEFAULT_SINGLE_FLIGHT_WAIT = Duration.ofSeconds(2);

	/**
	 * Default {@code refreshAhead}: off.
	 */
	public static final double DEFAULT_REFRESH_AHEAD = 0.0;

	/**
	 * Default {@code hotKeys}: off.
	 */
	public static final int DEFAULT_HOT_KEYS = 0;

	/**
	 * Default {@code hotKeyRefreshBefore}: thirty seconds.
	 */
	public static final Duration DEFAULT_HOT_KEY_REFRESH_BEFORE = Duration.ofSeconds(30);

	/**
	 * Validates the settings; every rule on a cache's settings is here or in the checks
	 * it calls, which the {@link Builder} applies as each value is set.
	 * @throws IllegalArgumentException naming the offending setting and its value
	 */
	public CacheSpec {
		Objects.requireNonNull(name, "name must not be null");
		requirePositive(name, "ttl", ttl);
		requirePositive(name, "null-value-ttl", nullValueTtl);
		requirePositive(name, "l1.ttl", l1Ttl);
		requirePositive(name, "lease-ttl", leaseTtl);
		requirePositive(name, "single-flight-wait", singleFlightWait);
		Objects.requireNonNull(singleFlight, () -> "Cache '" + name + "': single-flight must not be null");
		requireFraction(name, "ttl-jitter", ttlJitter, "0.1");
		requireFraction(name, "refresh-ahead", refreshAhead, "0.8");
		requirePositive(name, "hot-key-refresh-before", hotKeyRefreshBefore);
		requireHotKeys(name, hotKeys);
		requireL1MaxSize(name, l1MaxSize);
		requireL2MaxValueSize(name, l2MaxValueSize);
		requireATier(name, l1Enabled, l2Enabled);
	}

	private static void requireFraction(String cache, String setting, double value, String example) {
		if (!(value >= 0.0 && value < 1.0)) {
			throw new IllegalArgumentException("Cache '" + cache + "': " + setting + " must be in [0, 1) but was "
					+ value + " (e.g. " + example + ")");
		}
	}

	private static void requirePositive(String cache, String setting, Duration value) {
		Objects.requireNonNull(value, () -> "Cache '" + cache + "': " + setting + " must not be null");
		if (value.compareTo(MAX_TTL) > 0) {
			throw new IllegalArgumentException(
					"Cache '" + cache + "': " + setting + " must be at most 36500d (100 years) but was " + value);
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					"Cache '" + cache + "': " + setting + " must be positive but was " + value + " (e.g. 10m)");
		}
	}

	private static void requireHotKeys(String cache, int hotKeys) {
		if (hotKeys < 0 || hotKeys > MAX_HOT_KEYS) {
			throw new IllegalArgumentException("Cache '" + cache + "': hot-keys must be between 0 (off) and "
					+ MAX_HOT_KEYS + " but was " + hotKeys + " (e.g. 100)");
		}
	}

	private static void requireL1MaxSize(String cache, long l1MaxSize) {
		if (l1MaxSize < 0) {
			throw new IllegalArgumentException(
					"Cache '" + cache + "': l1.max-size must not be negative but was " + l1MaxSize);
		}
	}

	private static void requireL2MaxValueSize(String cache, long l2MaxValueSize) {
		if (l2MaxValueSize <= 0) {
			throw new IllegalArgumentException(
					"Cache '" + cache + "': l2.max-value-size must be positive but was " + l2MaxValueSize + " bytes");
		}
	}

	private static void requireATier(String cache, boolean l1Enabled, boolean l2Enabled) {
		if (!l1Enabled && !l2Enabled) {
			throw new IllegalArgumentException(
					"Cache '" + cache + "': at least one tier must be enabled (l1.enabled or l2.enabled)");
		}
	}

	/**
	 * Returns a builder with the library's defaults, for a cache of the given name.
	 * @param name the cache name
	 * @return a new builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Returns how long an entry may live in L1: {@code l1Ttl}, never longer than
	 * {@code ttl}.
	 * @return the effective L1 time-to-live
	 */
	public Duration effectiveL1Ttl() {
		return (this.l1Ttl.compareTo(this.ttl) < 0) ? this.l1Ttl : this.ttl;
	}

	/**
	 * Returns a copy of this spec for another cache name.
	 * @param name the new name
	 * @return a copy with the given name
	 */
	public CacheSpec withName(String name) {
		return toBuilder(name).build();
	}

	/**
	 * Returns a copy of this spec with L2 switched off, as used when no Redis is
	 * available.
	 * @return an L1-only copy
	 */
	public CacheSpec withoutL2() {
		return toBuilder(this.name).l1Enabled(true).l2Enabled(false).build();
	}

	/**
	 * Returns a builder that starts from this spec's settings.
	 * @param name the name of the cache to build
	 * @return a new builder
	 */
	public Builder toBuilder(String name) {
		return new Builder(name).ttl(this.ttl)
			.ttlJitter(this.ttlJitter)
			.cacheNullValues(this.cacheNullValues)
			.nullValueTtl(this.nullValueTtl)
			.l1Enabled(this.l1Enabled)
			.l1MaxSize(this.l1MaxSize)
			.l1Ttl(this.l1Ttl)
			.l2Enabled(this.l2Enabled)
			.l2MaxValueSize(this.l2MaxValueSize)
			.l2Compression(this.l2Compression)
			.l2CompressionThreshold(this.l2CompressionThreshold)
			.leaseTtl(this.leaseTtl)
			.singleFlight(this.singleFlight)
			.singleFlightWait(this.singleFlightWait)
			.refreshAhead(this.refreshAhead)
			.hotKeys(this.hotKeys)
			.hotKeyRefreshBefore(this.hotKeyRefreshBefore);
	}

	/**
	 * Mutable builder of {@link CacheSpec}; not thread-safe. Starts from the library's
	 * defaults (the {@code DEFAULT_} constants) and checks each value as it is set, so a
	 * bad one fails at the call that set it.
	 */
	public static final class Builder {

		private final String name;

		private Duration ttl = DEFAULT_TTL;

		private double ttlJitter = DEFAULT_TTL_JITTER;

		private boolean cacheNullValues = DEFAULT_CACHE_NULL_VALUES;

		private Duration nullValueTtl = DEFAULT_NULL_VALUE_TTL;

		private boolean l1Enabled = DEFAULT_L1_ENABLED;

		private long l1MaxSize = DEFAULT_L1_MAX_SIZE;

		private Duration l1Ttl = DEFAULT_L1_TTL;

		private boolean l2Enabled = DEFAULT_L2_ENABLED;

		private long l2MaxValueSize = DEFAULT_L2_MAX_VALUE_SIZE;

		private boolean l2Compression = DEFAULT_L2_COMPRESSION;

		private long l2CompressionThreshold = DEFAULT_L2_COMPRESSION_THRESHOLD;

		private Duration leaseTtl = DEFAULT_LEASE_TTL;

		private SingleFlight singleFlight = DEFAULT_SINGLE_FLIGHT;

		private Duration singleFlightWait = DEFAULT_SINGLE_FLIGHT_WAIT;

		private double refreshAhead = DEFAULT_REFRESH_AHEAD;

		private int hotKeys = DEFAULT_HOT_KEYS;

		private Duration hotKeyRefreshBefore = DEFAULT_HOT_KEY_REFRESH_BEFORE;

		private Builder(String name) {
			this.name = name;
		}

		public Builder ttl(Duration ttl) {
			requirePositive(this.name, "ttl", ttl);
			this.ttl = ttl;
			return this;
		}

		public Builder ttlJitter(double ttlJitter) {
			requireFraction(this.name, "ttl-jitter", ttlJitter, "0.1");
			this.ttlJitter = ttlJitter;
			return this;
		}

		public Builder cacheNullValues(boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
			return this;
		}

		public Builder nullValueTtl(Duration nullValueTtl) {
			requirePositive(this.name, "null-value-ttl", nullValueTtl);
			this.nullValueTtl = nullValueTtl;
			return this;
		}

		public Builder l1Enabled(boolean l1Enabled) {
			this.l1Enabled = l1Enabled;
			return this;
		}

		public Builder l1MaxSize(long l1MaxSize) {
			requireL1MaxSize(this.name, l1MaxSize);
			this.l1MaxSize = l1MaxSize;
			return this;
		}

		public Builder l1Ttl(Duration l1Ttl) {
			requirePositive(this.name, "l1.ttl", l1Ttl);
			this.l1Ttl = l1Ttl;
			return this;
		}

		public Builder l2Enabled(boolean l2Enabled) {
			this.l2Enabled = l2Enabled;
			return this;
		}

		public Builder l2MaxValueSize(long l2MaxValueSize) {
			requireL2MaxValueSize(this.name, l2MaxValueSize);
			this.l2MaxValueSize = l2MaxValueSize;
			return this;
		}

		/**
		 * Sets whether serialized values of at least the compression threshold are stored
		 * compressed (LZ4) in the shared tier.
		 * @param l2Compression whether to compress
		 * @return this builder
		 */
		public Builder l2Compression(boolean l2Compression) {
			this.l2Compression = l2Compression;
			return this;
		}

		/**
		 * Sets the smallest serialized value compressed in the shared tier.
		 * @param l2CompressionThreshold the size in bytes, not negative
		 * @return this builder
		 * @throws IllegalArgumentException if the size is negative
		 */
		public Builder l2CompressionThreshold(long l2CompressionThreshold) {
			if (l2CompressionThreshold < 0) {
				throw new IllegalArgumentException(
						"Cache '" + this.name + "': l2.compression.threshold must not be negative but was "
								+ l2CompressionThreshold + " bytes");
			}
			this.l2CompressionThreshold = l2CompressionThreshold;
			return this;
		}

		public Builder leaseTtl(Duration leaseTtl) {
			requirePositive(this.name, "lease-ttl", leaseTtl);
			this.leaseTtl = leaseTtl;
			return this;
		}

		public Builder singleFlight(SingleFlight singleFlight) {
			Objects.requireNonNull(singleFlight, () -> "Cache '" + this.name + "': single-flight must not be null");
			this.singleFlight = singleFlight;
			return this;
		}

		public Builder singleFlightWait(Duration singleFlightWait) {
			requirePositive(this.name, "single-flight-wait", singleFlightWait);
			this.singleFlightWait = singleFlightWait;
			return this;
		}

		public Builder refreshAhead(double refreshAhead) {
			requireFraction(this.name, "refresh-ahead", refreshAhead, "0.8");
			this.refreshAhead = refreshAhead;
			return this;
		}

		/**
		 * Sets how many of the most-read keys are reloaded shortly before they expire.
		 * @param hotKeys the number of keys, {@code 0} for off
		 * @return this builder
		 */
		public Builder hotKeys(int hotKeys) {
			requireHotKeys(this.name, hotKeys);
			this.hotKeys = hotKeys;
			return this;
		}

		/**
		 * Sets how long before its expiry a hot key is reloaded.
		 * @param hotKeyRefreshBefore the time before expiry
		 * @return this builder
		 */
		public Builder hotKeyRefreshBefore(Duration hotKeyRefreshBefore) {
			requirePositive(this.name, "hot-key-refresh-before", hotKeyRefreshBefore);
			this.hotKeyRefreshBefore = hotKeyRefreshBefore;
			return this;
		}

		/**
		 * Builds the spec, checking the rules that involve several settings.
		 * @return the spec
		 * @throws IllegalArgumentException if neither tier is enabled
		 */
		public CacheSpec build() {
			return new CacheSpec(this.name, this.ttl, this.ttlJitter, this.cacheNullValues, this.nullValueTtl,
					this.l1Enabled, this.l1MaxSize, this.l1Ttl, this.l2Enabled, this.l2MaxValueSize, this.leaseTtl,
					this.singleFlight, this.singleFlightWait, this.refreshAhead, this.hotKeys, this.hotKeyRefreshBefore,
					this.l2Compression, this.l2CompressionThreshold);
		}

	}

}
