package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.alicp.jetcache.MultiLevelCacheBuilder;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.redis.lettuce.RedisLettuceCacheBuilder;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.lettuce.core.RedisClient;
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
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.codec.SerializationCodec;
import org.redisson.config.Config;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A hit in the in-process tier of three two-tier caches, each backed by the same Redis,
 * against raw Caffeine {@code getIfPresent} in the same run: {@link TieredCache#get},
 * JetCache's two-level cache ({@code MultiLevelCache} of its Caffeine and Lettuce caches,
 * as {@code cacheType = BOTH} builds it), and Redisson's {@code RLocalCachedMap}. All are
 * used through their programmatic API, without annotations; every local tier holds up to
 * 10,000 entries for 5 minutes. Values are stored in Redis with each library's own codec
 * (JSON here, Java serialization for JetCache and Redisson), which a local hit does not
 * touch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class NearCacheHitComparisonBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 1024;

	private final String[] keys = new String[KEY_COUNT];

	private Cache<Object, Object> caffeine;

	private LettuceConnectionFactory connectionFactory;

	private TieredCache tieredCache;

	private RedisClient jetCacheClient;

	private com.alicp.jetcache.Cache<String, Product> jetCache;

	private RedissonClient redisson;

	private RLocalCachedMap<String, Product> redissonMap;

	@Setup
	public void setUp() {
		BenchmarkRedis redis = BenchmarkRedis.locate();
		this.caffeine = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(5, TimeUnit.MINUTES).build();

		this.connectionFactory = redis.connectionFactory();
		this.tieredCache = Objects.requireNonNull(TieredCacheManager.builder()
			.cache(CacheSpec.builder("near-hit").build())
			.remoteTiers(RedisTierFactory.builder(this.connectionFactory)
				.keyPrefix(BenchmarkRedis.KEY_PREFIX)
				.serializer(Product.codec())
				.build())
			.build()
			.getCache("near-hit"));

		this.jetCacheClient = redis.client();
		com.alicp.jetcache.Cache<String, Product> jetLocal = CaffeineCacheBuilder.createCaffeineCacheBuilder()
			.limit(10_000)
			.expireAfterWrite(5, TimeUnit.MINUTES)
			.keyConvertor(Function.identity())
			.buildCache();
		com.alicp.jetcache.Cache<String, Product> jetRemote = RedisLettuceCacheBuilder.createRedisLettuceCacheBuilder()
			.redisClient(this.jetCacheClient)
			.keyPrefix(BenchmarkRedis.KEY_PREFIX + ":jetcache:")
			.keyConvertor(Function.identity())
			.valueEncoder(JavaValueEncoder.INSTANCE)
			.valueDecoder(JavaValueDecoder.INSTANCE)
			.expireAfterWrite(1, TimeUnit.HOURS)
			.buildCache();
		this.jetCache = MultiLevelCacheBuilder.createMultiLevelCacheBuilder()
			.addCache(jetLocal, jetRemote)
			.expireAfterWrite(1, TimeUnit.HOURS)
			.buildCache();

		Config config = new Config();
		config.useSingleServer().setAddress(redis.url());
		this.redisson = Redisson.create(config);
		this.redissonMap = this.redisson.getLocalCachedMap(
				LocalCachedMapOptions.<String, Product>name(BenchmarkRedis.KEY_PREFIX + ":redisson-near-hit")
					.codec(new CompositeCodec(StringCodec.INSTANCE, new SerializationCodec()))
					.cacheSize(10_000)
					.timeToLive(Duration.ofMinutes(5)));

		for (int i = 0; i < KEY_COUNT; i++) {
			String key = "product:" + i;
			Product value = ProductSource.product(key);
			this.keys[i] = key;
			this.caffeine.put(key, value);
			this.tieredCache.put(key, value);
			this.jetCache.put(key, value);
			this.redissonMap.fastPut(key, value);
		}
		for (String key : this.keys) {
			Product expected = ProductSource.product(key);
			requireEqual(expected, this.caffeine.getIfPresent(key), "Caffeine");
			ValueWrapper wrapper = this.tieredCache.get(key);
			requireEqual(expected, (wrapper != null) ? wrapper.get() : null, "TieredCache");
			requireEqual(expected, this.jetCache.get(key), "JetCache");
			requireEqual(expected, this.redissonMap.get(key), "Redisson");
		}
		if (this.redissonMap.getCachedMap().size() != KEY_COUNT) {
			throw new IllegalStateException("Redisson's near cache holds " + this.redissonMap.getCachedMap().size()
					+ " entries, not " + KEY_COUNT + ": its reads would go to Redis");
		}
		if (this.tieredCache.statistics().snapshot().l1Hits() < KEY_COUNT) {
			throw new IllegalStateException("The tiered cache's reads did not hit L1");
		}
	}

	private static void requireEqual(Product expected, @Nullable Object actual, String source) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(source + " did not return the stored value: " + actual);
		}
	}

	@TearDown
	public void tearDown() {
		this.tieredCache.clear();
		this.redissonMap.delete();
		for (String key : this.keys) {
			this.jetCache.remove(key);
		}
		this.redisson.shutdown();
		this.jetCacheClient.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	@Baseline
	public @Nullable Object caffeineGetIfPresent(KeyCursor cursor) {
		return this.caffeine.getIfPresent(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable ValueWrapper tieredCacheGetL1Hit(KeyCursor cursor) {
		return this.tieredCache.get(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable Product jetCacheMultiLevelGet(KeyCursor cursor) {
		return this.jetCache.get(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable Product redissonLocalCachedMapGet(KeyCursor cursor) {
		return this.redissonMap.get(cursor.next(this.keys));
	}

}
