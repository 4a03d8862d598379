package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
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

import org.springframework.cache.CacheManager;

/**
 * A miss that runs the method and fills the cache, on a key never read before, five ways
 * in one run: the least a cache-aside client does, a raw Lettuce {@code GET} that misses
 * then encoding and {@code SET ... EX} (the baseline), and the same on the connection the
 * tiered cache uses; Spring's {@code @Cacheable} on a {@code RedisCacheManager}
 * ({@code GET}, method, {@code SET}); the tiered cache's {@code @Cached}; and
 * {@link TieredCache#get(Object, java.util.concurrent.Callable)}. The tiered cache's miss
 * also takes a fill lease in Redis and stores the value only if no write came in
 * meanwhile, and fills L1.
 *
 * <p>
 * The method itself costs nothing here (it returns a prebuilt product), so the figures
 * are the cache's own cost around a miss; keys expire after
 * {@link BenchmarkContexts#FILL_TTL}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class MissAndFillComparisonBenchmark {

	private final ProductSource source = new ProductSource();

	private final CacheValueSerializer codec = Product.codec();

	private RedisComparisonSubjects subjects;

	@Setup
	public void setUp() {
		this.subjects = RedisComparisonSubjects.open(this.source, CachedProducts.FILLED_CACHE);
		MissKeys keys = new MissKeys();
		keys.setUp();
		long before = this.source.loads();
		lettuceGetMissAndSet(keys);
		lettuceGetMissAndSetOnTieredConnection(keys);
		springCacheableRedisMiss(keys);
		cachedMissAndFill(keys);
		tieredCacheGetMissAndFill(keys);
		if (this.source.loads() - before != 5) {
			throw new IllegalStateException("Every path must run the method once on a new key");
		}
		String filled = keys.next();
		this.subjects.cached.findOnce(filled);
		this.subjects.cached.findOnce(filled);
		if (this.source.loads() - before != 6) {
			throw new IllegalStateException("@Cached did not fill the cache on a miss");
		}
	}

	@TearDown
	public void tearDown() {
		this.subjects.tieredCache.clear();
		Objects
			.requireNonNull(
					this.subjects.springContext.getBean(CacheManager.class).getCache(CachedProducts.FILLED_CACHE))
			.clear();
		this.subjects.close();
	}

	@Benchmark
	@Baseline
	public Object lettuceGetMissAndSet(MissKeys keys) {
		return getMissAndSet(this.subjects.raw, keys.next());
	}

	/**
	 * The baseline on the connection the tiered cache uses (see
	 * {@link RedisHitComparisonBenchmark#lettuceGetOnTieredConnection}).
	 * @param keys the keys
	 * @return the product
	 */
	@Benchmark
	public Object lettuceGetMissAndSetOnTieredConnection(MissKeys keys) {
		return getMissAndSet(this.subjects.tieredConnection, keys.next());
	}

	private Object getMissAndSet(RedisCommands<byte[], byte[]> redis, String key) {
		byte[] rawKey = (BenchmarkRedis.KEY_PREFIX + ":raw-fill:" + key).getBytes(StandardCharsets.UTF_8);
		byte[] stored = redis.get(rawKey);
		if (stored != null) {
			return this.codec.deserialize(stored);
		}
		Product loaded = this.source.load(key);
		redis.setex(rawKey, BenchmarkContexts.FILL_TTL.toSeconds(), this.codec.serialize(loaded));
		return loaded;
	}

	@Benchmark
	public Product springCacheableRedisMiss(MissKeys keys) {
		return this.subjects.cacheable.findOnce(keys.next());
	}

	@Benchmark
	public Product cachedMissAndFill(MissKeys keys) {
		return this.subjects.cached.findOnce(keys.next());
	}

	@Benchmark
	public @Nullable Product tieredCacheGetMissAndFill(MissKeys keys) {
		String key = keys.next();
		return this.subjects.tieredCache.get(key, () -> this.source.load(key));
	}

	/**
	 * Runs the same five operations interleaved rather than one after another (see
	 * {@link InterleavedComparison}), on one thread. System properties:
	 * {@code interleaved.blocks} (default 200) and {@code interleaved.operations} per
	 * operation and block (default 50).
	 * @param args ignored
	 */
	public static void main(String[] args) {
		int blocks = Integer.getInteger("interleaved.blocks", 200);
		int operations = Integer.getInteger("interleaved.operations", 50);
		MissAndFillComparisonBenchmark benchmark = new MissAndFillComparisonBenchmark();
		benchmark.setUp();
		try {
			MissKeys keys = new MissKeys();
			keys.setUp();
			new InterleavedComparison("lettuceGetMissAndSet", () -> benchmark.lettuceGetMissAndSet(keys))
				.compare("lettuceGetMissAndSetOnTieredConnection",
						() -> benchmark.lettuceGetMissAndSetOnTieredConnection(keys))
				.compare("springCacheableRedisMiss", () -> benchmark.springCacheableRedisMiss(keys))
				.compare("cachedMissAndFill", () -> benchmark.cachedMissAndFill(keys))
				.compare("tieredCacheGetMissAndFill", () -> benchmark.tieredCacheGetMissAndFill(keys))
				.run(Duration.ofSeconds(10), blocks, operations);
		}
		finally {
			benchmark.tearDown();
		}
		// The harness's Redis server stops in a shutdown hook
		System.exit(0);
	}

}
