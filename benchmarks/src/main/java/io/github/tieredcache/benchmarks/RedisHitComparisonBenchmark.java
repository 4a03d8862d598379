package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.lettuce.core.api.sync.RedisCommands;
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

import org.springframework.cache.Cache.ValueWrapper;

/**
 * A hit in Redis, five ways, in one run: a raw Lettuce {@code GET} on its own connection
 * plus decoding (the baseline), the same on the connection the tiered cache uses,
 * Spring's {@code @Cacheable} on a {@code RedisCacheManager}, the tiered cache's
 * {@code @Cached} on a cache with L1 disabled, and {@link TieredCache#get(Object)} on
 * that cache. Every path reads the same ~1 KB {@link Product} and decodes it with the
 * same JSON codec.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class RedisHitComparisonBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 16;

	private final String[] keys = new String[KEY_COUNT];

	private final byte[][] rawKeys = new byte[KEY_COUNT][];

	private final ProductSource source = new ProductSource();

	private final CacheValueSerializer codec = Product.codec();

	private RedisComparisonSubjects subjects;

	@Setup
	public void setUp() {
		this.subjects = RedisComparisonSubjects.open(this.source, CachedProducts.REMOTE_CACHE);
		if (this.subjects.tieredCache.localTier() != null) {
			throw new IllegalStateException("The L2-hit cache must have L1 disabled");
		}
		for (int i = 0; i < KEY_COUNT; i++) {
			String key = "product:" + i;
			this.keys[i] = key;
			this.rawKeys[i] = (BenchmarkRedis.KEY_PREFIX + ":raw:" + key).getBytes(StandardCharsets.UTF_8);
			this.subjects.raw.setex(this.rawKeys[i], 3600, this.codec.serialize(ProductSource.product(key)));
			this.subjects.cacheable.find(key);
			this.subjects.cached.findRemote(key);
		}
		long loads = this.source.loads();
		for (int i = 0; i < KEY_COUNT; i++) {
			Product expected = ProductSource.product(this.keys[i]);
			requireEqual(expected, rawGet(this.subjects.raw, this.rawKeys[i]), "raw GET");
			requireEqual(expected, rawGet(this.subjects.tieredConnection, this.rawKeys[i]),
					"raw GET on the cache's connection");
			requireEqual(expected, this.subjects.cacheable.find(this.keys[i]), "@Cacheable");
			requireEqual(expected, this.subjects.cached.findRemote(this.keys[i]), "@Cached");
			ValueWrapper wrapper = this.subjects.tieredCache.get(this.keys[i]);
			requireEqual(expected, (wrapper != null) ? wrapper.get() : null, "TieredCache.get");
		}
		if (this.source.loads() != loads || loads != 2L * KEY_COUNT) {
			throw new IllegalStateException("A read in set-up ran the method: the caches do not hit");
		}
	}

	private static void requireEqual(Product expected, @Nullable Object actual, String source) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(source + " did not return the stored value: " + actual);
		}
	}

	private @Nullable Object rawGet(RedisCommands<byte[], byte[]> redis, byte[] key) {
		byte[] stored = redis.get(key);
		return (stored != null) ? this.codec.deserialize(stored) : null;
	}

	@TearDown
	public void tearDown() {
		this.subjects.tieredCache.clear();
		this.subjects.springContext.getBean(org.springframework.cache.CacheManager.class)
			.getCache(CacheableProducts.CACHE)
			.clear();
		for (byte[] key : this.rawKeys) {
			this.subjects.raw.unlink(key);
		}
		this.subjects.close();
	}

	@Benchmark
	@Baseline
	public @Nullable Object lettuceGetAndDecode(KeyCursor cursor) {
		return rawGet(this.subjects.raw, cursor.next(this.rawKeys));
	}

	/**
	 * The baseline's {@code GET} and decoding on the connection the tiered cache uses:
	 * what the cache adds on top of its connection, apart from which connection (and so
	 * which of Lettuce's I/O threads) serves it.
	 * @param cursor the keys
	 * @return the decoded value
	 */
	@Benchmark
	public @Nullable Object lettuceGetOnTieredConnection(KeyCursor cursor) {
		return rawGet(this.subjects.tieredConnection, cursor.next(this.rawKeys));
	}

	@Benchmark
	public Product springCacheableRedis(KeyCursor cursor) {
		return this.subjects.cacheable.find(cursor.next(this.keys));
	}

	@Benchmark
	public Product cachedL2Hit(KeyCursor cursor) {
		return this.subjects.cached.findRemote(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable ValueWrapper tieredCacheGetL2Hit(KeyCursor cursor) {
		return this.subjects.tieredCache.get(cursor.next(this.keys));
	}

	/**
	 * Runs the same five operations interleaved rather than one after another (see
	 * {@link InterleavedComparison}), on one thread. System properties:
	 * {@code interleaved.blocks} (default 300) and {@code interleaved.operations} per
	 * operation and block (default 100).
	 * @param args ignored
	 */
	public static void main(String[] args) {
		int blocks = Integer.getInteger("interleaved.blocks", 300);
		int operations = Integer.getInteger("interleaved.operations", 100);
		RedisHitComparisonBenchmark benchmark = new RedisHitComparisonBenchmark();
		benchmark.setUp();
		try {
			KeyCursor cursor = new KeyCursor();
			cursor.setUp();
			new InterleavedComparison("lettuceGetAndDecode", () -> benchmark.lettuceGetAndDecode(cursor))
				.compare("lettuceGetOnTieredConnection", () -> benchmark.lettuceGetOnTieredConnection(cursor))
				.compare("springCacheableRedis", () -> benchmark.springCacheableRedis(cursor))
				.compare("cachedL2Hit", () -> benchmark.cachedL2Hit(cursor))
				.compare("tieredCacheGetL2Hit", () -> benchmark.tieredCacheGetL2Hit(cursor))
				.run(Duration.ofSeconds(10), blocks, operations);
		}
		finally {
			benchmark.tearDown();
		}
		// The harness's Redis server stops in a shutdown hook
		System.exit(0);
	}

}
