package io.github.tieredcache.cache.redis;

import java.time.Clock;
import java.time.Duration;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.RemoteTier;
import io.github.tieredcache.cache.RemoteTierFactory;
import io.github.tieredcache.cache.RemoteValueCounters;
import io.github.tieredcache.serialization.CacheValueSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Creates the Redis tier of each cache, sharing one {@link RedisConnectionFactory}, key
 * layout and serializer. Build one with {@link #builder(RedisConnectionFactory)}.
 *
 * <p>
 * Immutable and thread-safe.
 */
public final class RedisTierFactory implements RemoteTierFactory {

	/**
	 * Default first segment of every key, when the application names none.
	 */
	public static final String DEFAULT_KEY_PREFIX = "tiered-cache";

	/**
	 * Default longest key segment stored as is.
	 */
	public static final int DEFAULT_MAX_KEY_LENGTH = 256;

	/**
	 * The shortest allowed maximum key length: shorter would hash almost every key.
	 */
	public static final int MIN_MAX_KEY_LENGTH = 64;

	/**
	 * Default number of keys per {@code SCAN} step and per {@code UNLINK} when clearing.
	 */
	public static final int DEFAULT_CLEAR_BATCH_SIZE = 1000;

	/**
	 * The largest clear batch size.
	 */
	public static final int MAX_CLEAR_BATCH_SIZE = 100_000;

	/**
	 * Default longest time one Redis command may take: 250 ms.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

	private final TierCommands commands;

	private final String keyPrefix;

	private final EntryFormat format;

	private final int maxKeyLength;

	private final int clearBatchSize;

	private final Clock clock;

	private RedisTierFactory(Builder builder, CacheValueSerializer serializer) {
		this.commands = TierCommands.forFactory(builder.connectionFactory, builder.timeout);
		this.keyPrefix = builder.keyPrefix;
		this.format = new EntryFormat(serializer);
		this.maxKeyLength = builder.maxKeyLength;
		this.clearBatchSize = builder.clearBatchSize;
		this.clock = builder.clock;
	}

	/**
	 * Starts a builder for caches on the given Redis.
	 * @param connectionFactory the application's connection factory
	 * @return a new builder
	 */
	public static Builder builder(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		return new Builder(connectionFactory);
	}

	/**
	 * Returns whether a key prefix is usable: non-empty and without whitespace.
	 * @param keyPrefix the prefix
	 * @return whether {@link Builder#keyPrefix(String)} accepts it
	 */
	public static boolean isValidKeyPrefix(@Nullable String keyPrefix) {
		return StringUtils.hasText(keyPrefix) && !StringUtils.containsWhitespace(keyPrefix);
	}

	@Override
	public RemoteTier create(CacheSpec spec, RemoteValueCounters statistics) {
		RedisKeyspace keyspace = new RedisKeyspace(this.keyPrefix, spec.name(), this.maxKeyLength);
		return new RedisTier(spec, this.commands, keyspace, this.format, statistics, this.clock, this.clearBatchSize);
	}

	/**
	 * Builds a {@link RedisTierFactory}; not thread-safe.
	 */
	public static final class Builder {

		private final RedisConnectionFactory connectionFactory;

		private String keyPrefix = DEFAULT_KEY_PREFIX;

		private @Nullable CacheValueSerializer serializer;

		private int maxKeyLength = DEFAULT_MAX_KEY_LENGTH;

		private int clearBatchSize = DEFAULT_CLEAR_BATCH_SIZE;

		private Clock clock = Clock.systemUTC();

		private Duration timeout = DEFAULT_TIMEOUT;

		private Builder(RedisConnectionFactory connectionFactory) {
			this.connectionFactory = connectionFactory;
		}

		/**
		 * Sets the first segment of every Redis key.
		 * @param keyPrefix the prefix, typically the application name; non-empty, without
		 * whitespace
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			Assert.isTrue(isValidKeyPrefix(keyPrefix),
					() -> "keyPrefix must be non-empty and contain no whitespace but was '" + keyPrefix + "'");
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Sets how values become bytes; required.
		 * @param serializer the serializer
		 * @return this builder
		 */
		public Builder serializer(CacheValueSerializer serializer) {
			Assert.notNull(serializer, "serializer must not be null");
			this.serializer = serializer;
			return this;
		}

		/**
		 * Sets the longest key segment stored as is; longer ones are replaced by their
		 * SHA-256 digest.
		 * @param maxKeyLength the maximum length in characters, at least 64
		 * @return this builder
		 */
		public Builder maxKeyLength(int maxKeyLength) {
			Assert.isTrue(maxKeyLength >= MIN_MAX_KEY_LENGTH,
					() -> "maxKeyLength must be at least " + MIN_MAX_KEY_LENGTH + " but was " + maxKeyLength);
			this.maxKeyLength = maxKeyLength;
			return this;
		}

		/**
		 * Sets how many keys one {@code SCAN} step asks for and one {@code UNLINK}
		 * removes when clearing.
		 * @param clearBatchSize the batch size, between 1 and 100000
		 * @return this builder
		 */
		public Builder clearBatchSize(int clearBatchSize) {
			Assert.isTrue(clearBatchSize > 0 && clearBatchSize <= MAX_CLEAR_BATCH_SIZE,
					() -> "clearBatchSize must be between 1 and " + MAX_CLEAR_BATCH_SIZE + " but was "
							+ clearBatchSize);
			this.clearBatchSize = clearBatchSize;
			return this;
		}

		/**
		 * Sets the longest time one Redis command may take before it is cancelled and
		 * fails (default 250 ms). Applies when the factory is a
		 * {@code LettuceConnectionFactory} sharing its native connection (the default);
		 * otherwise commands are bounded by the factory's own command timeout.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
					() -> "timeout must be positive but was " + timeout);
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets the wall clock used for the write and expiry times stored with each entry.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the factory.
		 * @return the factory
		 * @throws IllegalStateException if {@link #serializer(CacheValueSerializer)} was
		 * not called
		 */
		public RedisTierFactory build() {
			CacheValueSerializer valueSerializer = this.serializer;
			if (valueSerializer == null) {
				throw new IllegalStateException("No value serializer: call serializer(...), for example "
						+ "serializer(CacheValueSerializer.json(TypeAllowList.of(List.of(\"com.example\"))))");
			}
			return new RedisTierFactory(this, valueSerializer);
		}

	}

}
