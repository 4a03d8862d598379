package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
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
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * An L2 hit of a large value: a catalogue page of 100 products (about 100 KB of JSON),
 * read with {@link TieredCache#get(Object)} from a cache whose L1 is disabled, stored
 * LZ4-compressed (the default above {@code l2.compression.threshold}) against the same
 * cache with compression switched off, the baseline. Set-up prints what each takes in
 * Redis ({@code MEMORY USAGE}). {@link #main(String[])} runs both interleaved.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class LargeValueBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 8;

	private static final int PRODUCTS_PER_PAGE = 100;

	private static final String PLAIN = "large-plain";

	private static final String COMPRESSED = "large-lz4";

	private final String[] keys = new String[KEY_COUNT];

	private LettuceConnectionFactory connectionFactory;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private TieredCache plain;

	private TieredCache compressed;

	@Setup
	public void setUp() {
		BenchmarkRedis redis = BenchmarkRedis.locate();
		this.connectionFactory = redis.connectionFactory();
		try (var warm = this.connectionFactory.getConnection()) {
			warm.ping();
		}
		TieredCacheManager manager = TieredCacheManager.builder()
			.cache(CacheSpec.builder(PLAIN).l1Enabled(false).l2Compression(false).build())
			.cache(CacheSpec.builder(COMPRESSED).l1Enabled(false).build())
			.remoteTiers(RedisTierFactory.builder(this.connectionFactory)
				.keyPrefix(BenchmarkRedis.KEY_PREFIX)
				.serializer(Product.codec())
				// 100 KB values on a busy machine: room beyond the 250 ms default
				.timeout(Duration.ofSeconds(2))
				.build())
			.build();
		this.plain = Objects.requireNonNull(manager.getCache(PLAIN));
		this.compressed = Objects.requireNonNull(manager.getCache(COMPRESSED));
		for (int i = 0; i < KEY_COUNT; i++) {
			this.keys[i] = "page:" + i;
			this.plain.put(this.keys[i], page(i));
			this.compressed.put(this.keys[i], page(i));
		}
		for (int i = 0; i < KEY_COUNT; i++) {
			requireEqual(page(i), this.plain.get(this.keys[i]), PLAIN);
			requireEqual(page(i), this.compressed.get(this.keys[i]), COMPRESSED);
		}
		this.client = redis.client();
		this.connection = this.client.connect(StringCodec.UTF8);
		printSizes();
	}

	/**
	 * A page of products as a catalogue endpoint would cache it.
	 */
	static List<Product> page(int page) {
		List<Product> products = new ArrayList<>(PRODUCTS_PER_PAGE);
		for (int i = 0; i < PRODUCTS_PER_PAGE; i++) {
			products.add(Product.sample((long) page * PRODUCTS_PER_PAGE + i));
		}
		return products;
	}

	private void printSizes() {
		RedisCommands<String, String> redis = this.connection.sync();
		String plainKey = BenchmarkRedis.KEY_PREFIX + ":" + PLAIN + ":" + this.keys[0];
		String compressedKey = BenchmarkRedis.KEY_PREFIX + ":" + COMPRESSED + ":" + this.keys[0];
		long plainMemory = Objects.requireNonNull(redis.memoryUsage(plainKey));
		long compressedMemory = Objects.requireNonNull(redis.memoryUsage(compressedKey));
		System.out.printf(
				"%nValue: %d bytes serialized; Redis MEMORY USAGE: uncompressed %d bytes, LZ4 %d bytes (%.1f× less)%n",
				Product.codec().serialize(page(0)).length, plainMemory, compressedMemory,
				(double) plainMemory / compressedMemory);
		System.out.printf("LZ4 entries written: %d, bytes saved: %d%n",
				this.compressed.statistics().snapshot().l2CompressedValues(),
				this.compressed.statistics().snapshot().l2CompressionBytesSaved());
	}

	private static void requireEqual(List<Product> expected, @Nullable ValueWrapper actual, String source) {
		if (actual == null || !expected.equals(actual.get())) {
			throw new IllegalStateException(source + " did not return the stored page");
		}
	}

	@TearDown
	public void tearDown() {
		this.plain.clear();
		this.compressed.clear();
		this.connection.close();
		this.client.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	@Baseline
	public @Nullable ValueWrapper uncompressedGet(KeyCursor cursor) {
		return this.plain.get(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable ValueWrapper compressedGet(KeyCursor cursor) {
		return this.compressed.get(cursor.next(this.keys));
	}

	/**
	 * Runs both reads interleaved; see {@link InterleavedComparison}. System properties:
	 * {@code interleaved.blocks} (default 200) and {@code interleaved.operations} per
	 * operation and block (default 20).
	 * @param args ignored
	 */
	public static void main(String[] args) {
		int blocks = Integer.getInteger("interleaved.blocks", 200);
		int operations = Integer.getInteger("interleaved.operations", 20);
		LargeValueBenchmark benchmark = new LargeValueBenchmark();
		benchmark.setUp();
		try {
			KeyCursor cursor = new KeyCursor();
			cursor.setUp();
			new InterleavedComparison("uncompressedGet", () -> benchmark.uncompressedGet(cursor))
				.compare("compressedGet", () -> benchmark.compressedGet(cursor))
				.run(Duration.ofSeconds(10), blocks, operations);
		}
		finally {
			benchmark.tearDown();
		}
		// The harness's Redis server stops in a shutdown hook
		System.exit(0);
	}

}
