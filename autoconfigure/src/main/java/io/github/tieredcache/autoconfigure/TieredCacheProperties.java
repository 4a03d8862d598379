package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.tieredcache.cache.SingleFlight;
import io.github.tieredcache.serialization.SerializationFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the tiered cache, bound from {@code tiered-cache.*}. These objects are
 * only a binding target: they are resolved once, at start-up, into an immutable
 * {@link io.github.tieredcache.cache.CacheSpec} per cache and never consulted (or
 * modified) afterwards. The defaults written here are those of the library types the
 * properties configure ({@code CacheSpec.DEFAULT_TTL} and the like), repeated as literals
 * so that the IDE metadata shows them; {@code PropertyDefaultsTests} keeps the two equal.
 * Values are checked by the library, not here.
 * <p>
 * One root with a nested class per group ({@code redis}, {@code sync}, {@code warming},
 * ...), as Spring Boot's own properties classes are: its length is the getters, setters
 * and one-line javadoc (the IDE help) of every setting, with no logic.
 */
@ConfigurationProperties("tiered-cache")
public class TieredCacheProperties {

	/**
	 * Whether to enable the tiered cache auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * First segment of every Redis key the cache writes. Defaults to
	 * 'spring.application.name', or 'tiered-cache' when that is not set. Give
	 * applications that share a Redis different prefixes.
	 */
	private @Nullable String keyPrefix;

	/**
	 * Whether caches not listed under 'tiered-cache.caches' are created on first use,
	 * with the defaults.
	 */
	private boolean createOnDemand = true;

	/**
	 * Settings every cache starts from.
	 */
	private final Defaults defaults = new Defaults();

	/**
	 * Per-cache settings, by cache name. Settings left unset inherit from
	 * 'tiered-cache.defaults'.
	 */
	private final Map<String, CacheOverrides> caches = new LinkedHashMap<>();

	/**
	 * Redis tier settings shared by all caches.
	 */
	private final Redis redis = new Redis();

	/**
	 * How values are written to Redis.
	 */
	private final Serialization serialization = new Serialization();

	/**
	 * Invalidation by events and rules.
	 */
	private final Invalidation invalidation = new Invalidation();

	/**
	 * Micrometer meters of the caches.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * The 'tieredCache' health contributor.
	 */
	private final Health health = new Health();

	/**
	 * Caching of methods returning Mono or Flux.
	 */
	private final Reactive reactive = new Reactive();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(@Nullable String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isCreateOnDemand() {
		return this.createOnDemand;
	}

	public void setCreateOnDemand(boolean createOnDemand) {
		this.createOnDemand = createOnDemand;
	}

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, CacheOverrides> getCaches() {
		return this.caches;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Serialization getSerialization() {
		return this.serialization;
	}

	public Invalidation getInvalidation() {
		return this.invalidation;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Health getHealth() {
		return this.health;
	}

	public Reactive getReactive() {
		return this.reactive;
	}

	/**
	 * Caching of methods returning Mono or Flux.
	 */
	public static class Reactive {

		/**
		 * Most elements a Flux returned by a cached method may emit to be cached. A
		 * longer one still reaches its subscribers in full but is not cached, and is
		 * counted (tiered.cache.flux.oversized).
		 */
		private int maxFluxElements = 10_000;

		public int getMaxFluxElements() {
			return this.maxFluxElements;
		}

		public void setMaxFluxElements(int maxFluxElements) {
			this.maxFluxElements = maxFluxElements;
		}

	}

	/**
	 * Micrometer meters of the caches.
	 */
	public static class Metrics {

		/**
		 * Whether to register Micrometer meters (cache.* and tiered.cache.*) for every
		 * tiered cache, including caches created on demand.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The 'tieredCache' health contributor.
	 */
	public static class Health {

		/**
		 * Whether an unreachable Redis makes the contributor DOWN. By default Redis
		 * trouble only shows in the contributor's details, since the cache keeps working
		 * on L1 and the methods it caches.
		 */
		private boolean failOnRedisDown = false;

		/**
		 * Longest time a health check or the 'tieredcache' endpoint waits for Redis to
		 * answer a PING before reporting it unreachable.
		 */
		private Duration pingTimeout = Duration.ofMillis(500);

		public boolean isFailOnRedisDown() {
			return this.failOnRedisDown;
		}

		public void setFailOnRedisDown(boolean failOnRedisDown) {
			this.failOnRedisDown = failOnRedisDown;
		}

		public Duration getPingTimeout() {
			return this.pingTimeout;
		}

		public void setPingTimeout(Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
		}

	}

	/**
	 * Invalidation by events and rules.
	 */
	public static class Invalidation {

		/**
		 * Invalidations triggered by events, in addition to @InvalidateOn annotations.
		 */
		private List<Rule> rules = new ArrayList<>();

		/**
		 * Most tags remembered in memory when there is no Redis to hold the tag index.
		 */
		private long maxLocalTags = 100_000;

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public long getMaxLocalTags() {
			return this.maxLocalTags;
		}

		public void setMaxLocalTags(long maxLocalTags) {
			this.maxLocalTags = maxLocalTags;
		}

	}

	/**
	 * One invalidation rule: when the event is published, invalidate the keys, patterns
	 * or tags given (the whole caches when only caches are given).
	 */
	public static class Rule {

		/**
		 * Event class name (matches subclasses too) or logical event name published with
		 * CacheInvalidator.publish.
		 */
		private @Nullable String event;

		/**
		 * Caches whose keys or patterns are invalidated; whole caches when no keys or
		 * patterns are given.
		 */
		private List<String> caches = new ArrayList<>();

		/**
		 * SpEL expressions over #event giving a key or a collection of keys.
		 */
		private List<String> keys = new ArrayList<>();

		/**
		 * Globs over encoded keys, with SpEL in #{...}, e.g. 'user:#{#event.id}:*'.
		 */
		private List<String> patterns = new ArrayList<>();

		/**
		 * SpEL expressions over #event giving tags to invalidate.
		 */
		private List<String> tags = new ArrayList<>();

		/**
		 * Other caches to invalidate whole.
		 */
		private List<String> cascade = new ArrayList<>();

		/**
		 * SpEL over #event that must be true for the rule to apply.
		 */
		private String condition = "";

		/**
		 * How long after the event (after the commit, in a transaction) to invalidate.
		 */
		private @Nullable Duration delay;

		public @Nullable String getEvent() {
			return this.event;
		}

		public void setEvent(@Nullable String event) {
			this.event = event;
		}

		public List<String> getCaches() {
			return this.caches;
		}

		public void setCaches(List<String> caches) {
			this.caches = caches;
		}

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

		public List<String> getCascade() {
			return this.cascade;
		}

		public void setCascade(List<String> cascade) {
			this.cascade = cascade;
		}

		public String getCondition() {
			return this.condition;
		}

		public void setCondition(String condition) {
			this.condition = condition;
		}

		public @Nullable Duration getDelay() {
			return this.delay;
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

	}

	/**
	 * Settings every cache starts from.
	 */
	public static class Defaults {

		/**
		 * How long an entry lives in the cache (its Redis TTL).
		 */
		private Duration ttl = Duration.ofHours(1);

		/**
		 * Fraction, from 0 (inclusive) to 1 (exclusive), by which each entry's TTL is
		 * randomly shortened so that entries written together do not expire together.
		 */
		private double ttlJitter = 0.0;

		/**
		 * Whether null results are cached.
		 */
		private boolean cacheNullValues = true;

		/**
		 * How long a cached null lives.
		 */
		private Duration nullValueTtl = Duration.ofMinutes(1);

		/**
		 * How long a loader's fill lease lives in Redis: a load that takes longer still
		 * returns its value but no longer writes it to Redis.
		 */
		private Duration leaseTtl = Duration.ofSeconds(30);

		/**
		 * Whether concurrent loads of one key are collapsed per instance or across all
		 * instances sharing Redis.
		 */
		private SingleFlight singleFlight = SingleFlight.INSTANCE;

		/**
		 * With single-flight 'cluster', how long a caller waits for another instance's
		 * load before loading itself.
		 */
		private Duration singleFlightWait = Duration.ofSeconds(2);

		/**
		 * Fraction of the TTL, from 0 (off) to 1 (exclusive), after which a read also
		 * reloads the entry in the background, e.g. 0.8.
		 */
		private double refreshAhead = 0.0;

		/**
		 * How many of the most-read keys (as L1 ranks them) are reloaded in the
		 * background when read shortly before they expire, so hot keys never go cold; 0
		 * switches hot-key refresh off. Only keys read through a loader (@Cached methods,
		 * Cache.get(key, loader)) can be reloaded.
		 */
		private int hotKeys = 0;

		/**
		 * How long before its expiry a hot key is reloaded (never in the first half of
		 * its life).
		 */
		private Duration hotKeyRefreshBefore = Duration.ofSeconds(30);

		/**
		 * In-process (Caffeine) tier.
		 */
		private final L1 l1 = new L1();

		/**
		 * Shared (Redis) tier.
		 */
		private final L2 l2 = new L2();

		/**
		 * Write-behind queue of caches written by @WriteBehind methods.
		 */
		private final WriteBehind writeBehind = new WriteBehind();

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public double getTtlJitter() {
			return this.ttlJitter;
		}

		public void setTtlJitter(double ttlJitter) {
			this.ttlJitter = ttlJitter;
		}

		public boolean isCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public Duration getNullValueTtl() {
			return this.nullValueTtl;
		}

		public void setNullValueTtl(Duration nullValueTtl) {
			this.nullValueTtl = nullValueTtl;
		}

		public Duration getLeaseTtl() {
			return this.leaseTtl;
		}

		public void setLeaseTtl(Duration leaseTtl) {
			this.leaseTtl = leaseTtl;
		}

		public SingleFlight getSingleFlight() {
			return this.singleFlight;
		}

		public void setSingleFlight(SingleFlight singleFlight) {
			this.singleFlight = singleFlight;
		}

		public Duration getSingleFlightWait() {
			return this.singleFlightWait;
		}

		public void setSingleFlightWait(Duration singleFlightWait) {
			this.singleFlightWait = singleFlightWait;
		}

		public double getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(double refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public int getHotKeys() {
			return this.hotKeys;
		}

		public void setHotKeys(int hotKeys) {
			this.hotKeys = hotKeys;
		}

		public Duration getHotKeyRefreshBefore() {
			return this.hotKeyRefreshBefore;
		}

		public void setHotKeyRefreshBefore(Duration hotKeyRefreshBefore) {
			this.hotKeyRefreshBefore = hotKeyRefreshBefore;
		}

		public L1 getL1() {
			return this.l1;
		}

		public L2 getL2() {
			return this.l2;
		}

		public WriteBehind getWriteBehind() {
			return this.writeBehind;
		}

		/**
		 * Default write-behind settings.
		 */
		public static class WriteBehind {

			/**
			 * How long a queued write waits before its method runs; further writes to the
			 * same key within it run the method once, with the last.
			 */
			private Duration delay = Duration.ofSeconds(1);

			/**
			 * Runs of the method before a failing write goes to the dead-letter stream.
			 */
			private int maxAttempts = 5;

			/**
			 * Most queue entries one instance reads from Redis at a time, per cache.
			 */
			private int batchSize = 100;

			/**
			 * Most writes of one cache running at once on one instance (always one at a
			 * time per key).
			 */
			private int concurrency = 4;

			public Duration getDelay() {
				return this.delay;
			}

			public void setDelay(Duration delay) {
				this.delay = delay;
			}

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public int getBatchSize() {
				return this.batchSize;
			}

			public void setBatchSize(int batchSize) {
				this.batchSize = batchSize;
			}

			public int getConcurrency() {
				return this.concurrency;
			}

			public void setConcurrency(int concurrency) {
				this.concurrency = concurrency;
			}

		}

		/**
		 * Default in-process tier settings.
		 */
		public static class L1 {

			/**
			 * Whether caches keep entries in process.
			 */
			private boolean enabled = true;

			/**
			 * Maximum number of entries per cache in process.
			 */
			private long maxSize = 10_000;

			/**
			 * Longest time an entry stays in process; never longer than the cache's TTL.
			 * Bounds how stale an instance can be when it misses an invalidation.
			 */
			private Duration ttl = Duration.ofMinutes(5);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public long getMaxSize() {
				return this.maxSize;
			}

			public void setMaxSize(long maxSize) {
				this.maxSize = maxSize;
			}

			public Duration getTtl() {
				return this.ttl;
			}

			public void setTtl(Duration ttl) {
				this.ttl = ttl;
			}

		}

		/**
		 * Default shared tier settings.
		 */
		public static class L2 {

			/**
			 * Whether caches use Redis. Without a Redis connection caches run in process
			 * only.
			 */
			private boolean enabled = true;

			/**
			 * Largest serialized value written to Redis; larger values are kept in
			 * process only and counted.
			 */
			private DataSize maxValueSize = DataSize.ofMegabytes(1);

			private final Compression compression = new Compression();

			public Compression getCompression() {
				return this.compression;
			}

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public DataSize getMaxValueSize() {
				return this.maxValueSize;
			}

			public void setMaxValueSize(DataSize maxValueSize) {
				this.maxValueSize = maxValueSize;
			}

		}

	}

	/**
	 * Compression of large values in Redis.
	 */
	public static class Compression {

		/**
		 * Whether serialized values of at least the threshold are stored compressed (LZ4)
		 * in Redis. Entries are read whichever way they were written, so switching it on
		 * or off loses nothing.
		 */
		private boolean enabled = true;

		/**
		 * Smallest serialized value compressed; smaller ones, most hits, pay nothing.
		 */
		private DataSize threshold = DataSize.ofKilobytes(8);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Compression of one cache's large values in Redis.
	 */
	public static class CompressionOverrides {

		/**
		 * Whether this cache's large values are stored compressed in Redis.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Smallest serialized value of this cache compressed.
		 */
		private @Nullable DataSize threshold;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(@Nullable DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Settings of one cache; anything left unset inherits from 'tiered-cache.defaults'.
	 */
	public static class CacheOverrides {

		/**
		 * How long an entry lives in this cache (its Redis TTL).
		 */
		private @Nullable Duration ttl;

		/**
		 * Fraction, from 0 (inclusive) to 1 (exclusive), by which each entry's TTL is
		 * randomly shortened.
		 */
		private @Nullable Double ttlJitter;

		/**
		 * Whether null results are cached.
		 */
		private @Nullable Boolean cacheNullValues;

		/**
		 * How long a cached null lives.
		 */
		private @Nullable Duration nullValueTtl;

		/**
		 * How long a loader's fill lease lives in Redis.
		 */
		private @Nullable Duration leaseTtl;

		/**
		 * Whether concurrent loads of one key are collapsed per instance or across all
		 * instances.
		 */
		private @Nullable SingleFlight singleFlight;

		/**
		 * With single-flight 'cluster', how long a caller waits for another instance's
		 * load.
		 */
		private @Nullable Duration singleFlightWait;

		/**
		 * Fraction of the TTL after which a read also reloads the entry in the
		 * background.
		 */
		private @Nullable Double refreshAhead;

		/**
		 * How many of this cache's most-read keys are reloaded shortly before they
		 * expire; 0 for off.
		 */
		private @Nullable Integer hotKeys;

		/**
		 * How long before its expiry a hot key of this cache is reloaded.
		 */
		private @Nullable Duration hotKeyRefreshBefore;

		/**
		 * In-process (Caffeine) tier of this cache.
		 */
		private final L1 l1 = new L1();

		/**
		 * Shared (Redis) tier of this cache.
		 */
		private final L2 l2 = new L2();

		/**
		 * Write-behind queue of this cache, for @WriteBehind methods.
		 */
		private final WriteBehind writeBehind = new WriteBehind();

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Double getTtlJitter() {
			return this.ttlJitter;
		}

		public void setTtlJitter(@Nullable Double ttlJitter) {
			this.ttlJitter = ttlJitter;
		}

		public @Nullable Boolean getCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(@Nullable Boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public @Nullable Duration getNullValueTtl() {
			return this.nullValueTtl;
		}

		public void setNullValueTtl(@Nullable Duration nullValueTtl) {
			this.nullValueTtl = nullValueTtl;
		}

		public @Nullable Duration getLeaseTtl() {
			return this.leaseTtl;
		}

		public void setLeaseTtl(@Nullable Duration leaseTtl) {
			this.leaseTtl = leaseTtl;
		}

		public @Nullable SingleFlight getSingleFlight() {
			return this.singleFlight;
		}

		public void setSingleFlight(@Nullable SingleFlight singleFlight) {
			this.singleFlight = singleFlight;
		}

		public @Nullable Duration getSingleFlightWait() {
			return this.singleFlightWait;
		}

		public void setSingleFlightWait(@Nullable Duration singleFlightWait) {
			this.singleFlightWait = singleFlightWait;
		}

		public @Nullable Double getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(@Nullable Double refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public @Nullable Integer getHotKeys() {
			return this.hotKeys;
		}

		public void setHotKeys(@Nullable Integer hotKeys) {
			this.hotKeys = hotKeys;
		}

		public @Nullable Duration getHotKeyRefreshBefore() {
			return this.hotKeyRefreshBefore;
		}

		public void setHotKeyRefreshBefore(@Nullable Duration hotKeyRefreshBefore) {
			this.hotKeyRefreshBefore = hotKeyRefreshBefore;
		}

		public L1 getL1() {
			return this.l1;
		}

		public L2 getL2() {
			return this.l2;
		}

		public WriteBehind getWriteBehind() {
			return this.writeBehind;
		}

		/**
		 * Write-behind settings of one cache.
		 */
		public static class WriteBehind {

			/**
			 * How long a queued write of this cache waits before its method runs.
			 */
			private @Nullable Duration delay;

			/**
			 * Runs of the method before a failing write of this cache goes to the
			 * dead-letter stream.
			 */
			private @Nullable Integer maxAttempts;

			/**
			 * Most queue entries of this cache one instance reads at a time.
			 */
			private @Nullable Integer batchSize;

			/**
			 * Most writes of this cache running at once on one instance.
			 */
			private @Nullable Integer concurrency;

			public @Nullable Duration getDelay() {
				return this.delay;
			}

			public void setDelay(@Nullable Duration delay) {
				this.delay = delay;
			}

			public @Nullable Integer getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(@Nullable Integer maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public @Nullable Integer getBatchSize() {
				return this.batchSize;
			}

			public void setBatchSize(@Nullable Integer batchSize) {
				this.batchSize = batchSize;
			}

			public @Nullable Integer getConcurrency() {
				return this.concurrency;
			}

			public void setConcurrency(@Nullable Integer concurrency) {
				this.concurrency = concurrency;
			}

		}

		/**
		 * In-process tier settings of one cache.
		 */
		public static class L1 {

			/**
			 * Whether this cache keeps entries in process.
			 */
			private @Nullable Boolean enabled;

			/**
			 * Maximum number of entries of this cache in process.
			 */
			private @Nullable Long maxSize;

			/**
			 * Longest time an entry of this cache stays in process; never longer than its
			 * TTL.
			 */
			private @Nullable Duration ttl;

			public @Nullable Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(@Nullable Boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Long getMaxSize() {
				return this.maxSize;
			}

			public void setMaxSize(@Nullable Long maxSize) {
				this.maxSize = maxSize;
			}

			public @Nullable Duration getTtl() {
				return this.ttl;
			}

			public void setTtl(@Nullable Duration ttl) {
				this.ttl = ttl;
			}

		}

		/**
		 * Shared tier settings of one cache.
		 */
		public static class L2 {

			/**
			 * Whether this cache uses Redis.
			 */
			private @Nullable Boolean enabled;

			/**
			 * Largest serialized value of this cache written to Redis.
			 */
			private @Nullable DataSize maxValueSize;

			private final CompressionOverrides compression = new CompressionOverrides();

			public CompressionOverrides getCompression() {
				return this.compression;
			}

			public @Nullable Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(@Nullable Boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable DataSize getMaxValueSize() {
				return this.maxValueSize;
			}

			public void setMaxValueSize(@Nullable DataSize maxValueSize) {
				this.maxValueSize = maxValueSize;
			}

		}

	}

	/**
	 * Redis tier settings shared by all caches.
	 */
	public static class Redis {

		/**
		 * Longest key segment (after the prefix and cache name) stored as is; longer ones
		 * are replaced by their SHA-256 digest.
		 */
		private int maxKeyLength = 256;

		/**
		 * Number of keys one SCAN step asks for, and one UNLINK removes, when a cache is
		 * cleared.
		 */
		private int clearBatchSize = 1000;

		/**
		 * Longest time one Redis command of the cache may take before the cache gives up
		 * on it and answers from L1 or the loader. Applies to the application's shared
		 * Lettuce connection; otherwise 'spring.data.redis.timeout' bounds commands.
		 */
		private Duration timeout = Duration.ofMillis(250);

		/**
		 * Keys and patterns per cache whose invalidation could not reach Redis that are
		 * remembered and replayed when it is back; beyond that the whole cache is cleared
		 * on Redis instead.
		 */
		private int maxPendingInvalidations = 1000;

		/**
		 * Whether the application's Lettuce client rejects commands at once while
		 * disconnected instead of queueing them until it reconnects. Changes the client
		 * for every user of 'spring.data.redis', not only the cache.
		 */
		private boolean rejectCommandsWhenDisconnected = false;

		/**
		 * Longest wait between two attempts to reconnect to Redis after a lost
		 * connection, how often the cache checks whether Redis is back while its shared
		 * connection is down, and, with Redis Sentinel, how often it asks the sentinels
		 * for the master. Caps Lettuce's exponential back-off (30s by default), so that
		 * the cache uses Redis again soon after it returns.
		 */
		private Duration maxReconnectDelay = Duration.ofMillis(500);

		/**
		 * Whether to replace the connection factory's shared connection as soon as Redis
		 * accepts connections again while that connection is still waiting out its
		 * reconnect back-off, and, with Redis Sentinel, as soon as the sentinels report a
		 * new master. Commands of the application still queued on it then fail instead of
		 * waiting.
		 */
		private boolean reconnectEagerly = true;

		/**
		 * Circuit breaker shared by all caches in front of Redis.
		 */
		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public int getMaxKeyLength() {
			return this.maxKeyLength;
		}

		public void setMaxKeyLength(int maxKeyLength) {
			this.maxKeyLength = maxKeyLength;
		}

		public int getClearBatchSize() {
			return this.clearBatchSize;
		}

		public void setClearBatchSize(int clearBatchSize) {
			this.clearBatchSize = clearBatchSize;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxPendingInvalidations() {
			return this.maxPendingInvalidations;
		}

		public void setMaxPendingInvalidations(int maxPendingInvalidations) {
			this.maxPendingInvalidations = maxPendingInvalidations;
		}

		public boolean isRejectCommandsWhenDisconnected() {
			return this.rejectCommandsWhenDisconnected;
		}

		public void setRejectCommandsWhenDisconnected(boolean rejectCommandsWhenDisconnected) {
			this.rejectCommandsWhenDisconnected = rejectCommandsWhenDisconnected;
		}

		public Duration getMaxReconnectDelay() {
			return this.maxReconnectDelay;
		}

		public boolean isReconnectEagerly() {
			return this.reconnectEagerly;
		}

		public void setReconnectEagerly(boolean reconnectEagerly) {
			this.reconnectEagerly = reconnectEagerly;
		}

		public void setMaxReconnectDelay(Duration maxReconnectDelay) {
			this.maxReconnectDelay = maxReconnectDelay;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

		/**
		 * Circuit breaker shared by all caches in front of Redis.
		 */
		public static class CircuitBreaker {

			/**
			 * Whether caches stop calling Redis for a while after repeated failures or
			 * slow calls. When false every call tries Redis, each bounded by the timeout.
			 */
			private boolean enabled = true;

			/**
			 * Percentage of failed calls in the sliding window at or above which the
			 * breaker opens.
			 */
			private float failureRateThreshold = 50;

			/**
			 * Percentage of slow calls in the sliding window at or above which the
			 * breaker opens.
			 */
			private float slowCallRateThreshold = 100;

			/**
			 * Duration above which a Redis call counts as slow.
			 */
			private Duration slowCallDurationThreshold = Duration.ofMillis(200);

			/**
			 * Whether the sliding window counts the last calls or the last seconds.
			 */
			private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;

			/**
			 * Size of the sliding window: a number of calls, or of seconds when the
			 * window is time-based.
			 */
			private int slidingWindowSize = 20;

			/**
			 * Calls needed in the sliding window before the rates are computed.
			 */
			private int minimumNumberOfCalls = 10;

			/**
			 * How long the breaker stays open, with caches not calling Redis, before
			 * probe calls try it again.
			 */
			private Duration waitDurationInOpenState = Duration.ofSeconds(5);

			/**
			 * Number of probe calls that decide whether the breaker closes again.
			 */
			private int permittedCallsInHalfOpenState = 3;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public float getFailureRateThreshold() {
				return this.failureRateThreshold;
			}

			public void setFailureRateThreshold(float failureRateThreshold) {
				this.failureRateThreshold = failureRateThreshold;
			}

			public float getSlowCallRateThreshold() {
				return this.slowCallRateThreshold;
			}

			public void setSlowCallRateThreshold(float slowCallRateThreshold) {
				this.slowCallRateThreshold = slowCallRateThreshold;
			}

			public Duration getSlowCallDurationThreshold() {
				return this.slowCallDurationThreshold;
			}

			public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
				this.slowCallDurationThreshold = slowCallDurationThreshold;
			}

			public SlidingWindowType getSlidingWindowType() {
				return this.slidingWindowType;
			}

			public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
				this.slidingWindowType = slidingWindowType;
			}

			public int getSlidingWindowSize() {
				return this.slidingWindowSize;
			}

			public void setSlidingWindowSize(int slidingWindowSize) {
				this.slidingWindowSize = slidingWindowSize;
			}

			public int getMinimumNumberOfCalls() {
				return this.minimumNumberOfCalls;
			}

			public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
				this.minimumNumberOfCalls = minimumNumberOfCalls;
			}

			public Duration getWaitDurationInOpenState() {
				return this.waitDurationInOpenState;
			}

			public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
				this.waitDurationInOpenState = waitDurationInOpenState;
			}

			public int getPermittedCallsInHalfOpenState() {
				return this.permittedCallsInHalfOpenState;
			}

			public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
				this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
			}

		}

	}

	/**
	 * How values are written to Redis.
	 */
	public static class Serialization {

		/**
		 * Value format in Redis. 'json' (Jackson, with type information checked against
		 * the allow-list) or 'jdk' (Java serialization, filtered by the same allow-list).
		 */
		private SerializationFormat format = SerializationFormat.JSON;

		/**
		 * Packages (or fully qualified classes) whose types may be read back from Redis,
		 * in addition to the application's own packages and common JDK and Spring Data
		 * types.
		 */
		private List<String> allowedPackages = new ArrayList<>();

		public SerializationFormat getFormat() {
			return this.format;
		}

		public void setFormat(SerializationFormat format) {
			this.format = format;
		}

		public List<String> getAllowedPackages() {
			return this.allowedPackages;
		}

		public void setAllowedPackages(List<String> allowedPackages) {
			this.allowedPackages = allowedPackages;
		}

	}

	/**
	 * Cross-instance invalidation: how instances sharing a Redis tell each other what to
	 * drop from their L1.
	 */
	private final Sync sync = new Sync();

	public Sync getSync() {
		return this.sync;
	}

	/**
	 * Cross-instance invalidation over Redis pub/sub.
	 */
	public static class Sync {

		/**
		 * Whether to tell other instances about puts, evictions and clears, and apply
		 * theirs to this instance's L1. Needs Redis.
		 */
		private boolean enabled = true;

		/**
		 * How long an instance with nothing to publish waits before publishing a
		 * heartbeat.
		 */
		private Duration heartbeatInterval = Duration.ofSeconds(2);

		/**
		 * Number of heartbeat intervals without a message after which an instance counts
		 * as silent, and this instance flushes its L1.
		 */
		private int missedHeartbeats = 3;

		/**
		 * How long to wait for more invalidations before publishing a batch. 0 publishes
		 * at once whatever has queued up.
		 */
		private Duration batchWindow = Duration.ZERO;

		/**
		 * Most invalidations published in one message batch.
		 */
		private int batchSize = 512;

		/**
		 * Most invalidations waiting to be published. Beyond it, the affected caches are
		 * cleared on the other instances instead.
		 */
		private int queueCapacity = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public int getMissedHeartbeats() {
			return this.missedHeartbeats;
		}

		public void setMissedHeartbeats(int missedHeartbeats) {
			this.missedHeartbeats = missedHeartbeats;
		}

		public Duration getBatchWindow() {
			return this.batchWindow;
		}

		public void setBatchWindow(Duration batchWindow) {
			this.batchWindow = batchWindow;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

}
