package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * An L2 hit: {@link TieredCache#get(Object)} on a cache whose L1 is disabled, so every
 * call is a Redis round trip plus decoding, against the least any client could do for the
 * same value: a raw Lettuce {@code GET} on its own connection followed by decoding with
 * the same codec. The aim is at most 1.05 times the raw cost. Two more points place the
 * difference: the same {@code GET} and decoding through the Spring Data Redis connection
 * factory the tiered cache uses (the floor for anything built on it), and Spring Data
 * Redis's own {@code RedisCache}, storing the value with the same codec. The non-blocking
 * read that reactive callers take ({@link TieredCache#retrieve(Object)}) runs beside the
 * blocking one.
 *
 * <p>
 * The value is a {@link Product} of about 1 KB; its sizes are printed during set-up.
 * Differences of a few percent are easily lost in background load between JMH's
 * one-after-another runs; {@link #main(String[])} runs the same operations interleaved.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class L2HitBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 16;

	private static final String CACHE_NAME = "l2-hit";

	private static final String SPRING_DATA_CACHE_NAME = "l2-hit-spring-data";

	private final String[] keys = new String[KEY_COUNT];

	private final byte[][] rawKeys = new byte[KEY_COUNT][];

	private LettuceConnectionFactory connectionFactory;

	/**
	 * Spring Data Redis's cache gets its own factory: sharing one factory with it slowed
	 * every other path on that factory by about 30% in this benchmark (the cause is not
	 * established), while a fresh connection from the same client was unaffected.
	 */
	private LettuceConnectionFactory springDataConnectionFactory;

	private RedisClient rawClient;

	private StatefulRedisConnection<byte[], byte[]> rawConnection;

	private RedisCommands<byte[], byte[]> raw;

	private CacheValueSerializer codec;

	private StatefulRedisConnection<byte[], byte[]> factoryClientConnection;

	private RedisCommands<byte[], byte[]> factoryClient;

	private TieredCache tieredCache;

	private Cache springDataCache;

	@Setup
	public void setUp() {
		BenchmarkRedis redis = BenchmarkRedis.locate();
		this.codec = Product.codec();
		this.connectionFactory = redis.connectionFactory();
		this.rawClient = redis.client();
		this.rawConnection = this.rawClient.connect(ByteArrayCodec.INSTANCE);
		this.raw = this.rawConnection.sync();
		this.factoryClientConnection = ((RedisClient) this.connectionFactory.getRequiredNativeClient())
			.connect(ByteArrayCodec.INSTANCE);
		this.factoryClient = this.factoryClientConnection.sync();

		TieredCacheManager manager = TieredCacheManager.builder()
			.cache(CacheSpec.builder(CACHE_NAME).l1Enabled(false).build())
			.remoteTiers(RedisTierFactory.builder(this.connectionFactory)
				.keyPrefix(BenchmarkRedis.KEY_PREFIX)
				.serializer(this.codec)
				.build())
			.build();
		this.tieredCache = Objects.requireNonNull(manager.getCache(CACHE_NAME));

		this.springDataConnectionFactory = redis.connectionFactory();
		RedisCacheManager springData = RedisCacheManager.builder(this.springDataConnectionFactory)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
				.prefixCacheNameWith(BenchmarkRedis.KEY_PREFIX + ":")
				.entryTtl(Duration.ofHours(1))
				.serializeValuesWith(SerializationPair.fromSerializer(new CacheValueRedisSerializer(this.codec))))
			.build();
		springData.afterPropertiesSet();
		this.springDataCache = Objects.requireNonNull(springData.getCache(SPRING_DATA_CACHE_NAME));

		for (int i = 0; i < KEY_COUNT; i++) {
			Product value = Product.sample(i);
			this.keys[i] = "product:" + i;
			this.rawKeys[i] = (BenchmarkRedis.KEY_PREFIX + ":l2-hit-raw:product:" + i).getBytes(StandardCharsets.UTF_8);
			this.tieredCache.put(this.keys[i], value);
			this.springDataCache.put(this.keys[i], value);
			this.raw.setex(this.rawKeys[i], 3600, this.codec.serialize(value));
		}
		for (int i = 0; i < KEY_COUNT; i++) {
			Product expected = Product.sample(i);
			requireEqual(expected, value(this.tieredCache.get(this.keys[i])), "TieredCache");
			CompletableFuture<?> retrieved = Objects.requireNonNull(this.tieredCache.retrieve(this.keys[i]),
					"TieredCache.retrieve");
			requireEqual(expected, unwrap(retrieved.join()), "TieredCache.retrieve");
			requireEqual(expected, value(this.springDataCache.get(this.keys[i])), "RedisCache");
			requireEqual(expected, this.codec.deserialize(Objects.requireNonNull(this.raw.get(this.rawKeys[i]))),
					"raw GET");
		}
		printSizes(redis);
	}

	private void printSizes(BenchmarkRedis redis) {
		byte[] tieredKey = (BenchmarkRedis.KEY_PREFIX + ":" + CACHE_NAME + ":" + this.keys[0])
			.getBytes(StandardCharsets.UTF_8);
		byte[] springDataKey = (BenchmarkRedis.KEY_PREFIX + ":" + SPRING_DATA_CACHE_NAME + "::" + this.keys[0])
			.getBytes(StandardCharsets.UTF_8);
		System.out.printf("%nRedis: %s; value: %d bytes serialized; stored: TieredCache %d, RedisCache %d, raw %d%n",
				redis, this.codec.serialize(Product.sample(0)).length, this.raw.strlen(tieredKey),
				this.raw.strlen(springDataKey), this.raw.strlen(this.rawKeys[0]));
	}

	private static @Nullable Object value(@Nullable ValueWrapper wrapper) {
		return (wrapper != null) ? wrapper.get() : null;
	}

	/**
	 * A cache that stores nulls answers {@code retrieve} with the value's wrapper.
	 */
	private static @Nullable Object unwrap(@Nullable Object retrieved) {
		return (retrieved instanceof ValueWrapper wrapper) ? wrapper.get() : retrieved;
	}

	private static void requireEqual(Product expected, @Nullable Object actual, String source) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(
					source + " did not return the stored value: expected " + expected + " but got " + actual);
		}
	}

	@TearDown
	public void tearDown() {
		this.tieredCache.clear();
		this.springDataCache.clear();
		for (byte[] key : this.rawKeys) {
			this.raw.unlink(key);
		}
		this.rawConnection.close();
		this.factoryClientConnection.close();
		this.rawClient.shutdown();
		this.connectionFactory.destroy();
		this.springDataConnectionFactory.destroy();
	}

	@Benchmark
	@Baseline
	public @Nullable Object rawGetAndDecode(KeyCursor cursor) {
		byte[] stored = this.raw.get(cursor.next(this.rawKeys));
		return (stored != null) ? this.codec.deserialize(stored) : null;
	}

	@Benchmark
	public @Nullable Object connectionFactoryGetAndDecode(KeyCursor cursor) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			byte[] stored = connection.stringCommands().get(cursor.next(this.rawKeys));
			return (stored != null) ? this.codec.deserialize(stored) : null;
		}
	}

	@Benchmark
	public @Nullable Object factoryClientGetAndDecode(KeyCursor cursor) {
		byte[] stored = this.factoryClient.get(cursor.next(this.rawKeys));
		return (stored != null) ? this.codec.deserialize(stored) : null;
	}

	@Benchmark
	public @Nullable ValueWrapper tieredCacheGet(KeyCursor cursor) {
		return this.tieredCache.get(cursor.next(this.keys));
	}

	/**
	 * The non-blocking L2 hit that reactive and {@code CompletableFuture} callers take
	 * (Spring's {@code @Cacheable} on a {@code Mono} asks for it this way): the reply is
	 * decoded on Lettuce's thread and handed over through the future, awaited here so
	 * that one call costs what a subscriber waits for.
	 */
	@Benchmark
	public @Nullable Object tieredCacheRetrieve(KeyCursor cursor) {
		CompletableFuture<?> found = this.tieredCache.retrieve(cursor.next(this.keys));
		return (found != null) ? unwrap(found.join()) : null;
	}

	@Benchmark
	public @Nullable ValueWrapper springDataRedisCacheGet(KeyCursor cursor) {
		return this.springDataCache.get(cursor.next(this.keys));
	}

	/**
	 * Runs the same operations interleaved rather than one after another; see
	 * {@link InterleavedComparison}. System properties: {@code interleaved.blocks}
	 * (default 300) and {@code interleaved.operations} per operation and block (default
	 * 200).
	 * @param args ignored
	 */
	public static void main(String[] args) {
		int blocks = Integer.getInteger("interleaved.blocks", 300);
		int operations = Integer.getInteger("interleaved.operations", 200);
		L2HitBenchmark benchmark = new L2HitBenchmark();
		benchmark.setUp();
		try {
			KeyCursor cursor = new KeyCursor();
			cursor.setUp();
			new InterleavedComparison("rawGetAndDecode", () -> benchmark.rawGetAndDecode(cursor))
				.compare("connectionFactoryGetAndDecode", () -> benchmark.connectionFactoryGetAndDecode(cursor))
				.compare("factoryClientGetAndDecode", () -> benchmark.factoryClientGetAndDecode(cursor))
				.compare("tieredCacheGet", () -> benchmark.tieredCacheGet(cursor))
				.compare("tieredCacheRetrieve", () -> benchmark.tieredCacheRetrieve(cursor))
				.compare("springDataRedisCacheGet", () -> benchmark.springDataRedisCacheGet(cursor))
				.run(Duration.ofSeconds(10), blocks, operations);
		}
		finally {
			benchmark.tearDown();
		}
		// The harness's Redis server stops in a shutdown hook
		System.exit(0);
	}

}
