package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Warming 10,000 entries: the time for one whole warm-up, in one run. The baseline is
 * warming without the bulk API, 10,000 sequential {@link TieredCache#put} calls (each a
 * Redis round trip plus an L1 write). Beside it: the tiered cache's pipelined bulk write
 * ({@link TieredCache#bulkFill()}, {@code SET}s in batches of 500, then L1), and the same
 * {@code SET}s on a raw Lettuce connection, one at a time (the floor for sequential
 * writes) and pipelined in batches of 1,000 (the floor a pipelined bulk write can
 * approach). Every path writes the same encoded ~1 KB values, to the same keys on every
 * invocation.
 *
 * <p>
 * A Redis failure in the tiered cache is logged and counted, not thrown, and a bulk write
 * is dropped without a word while the circuit breaker is open (which only failures open).
 * So that a run never reports writes that did not reach Redis, the trial fails if the
 * cache counted any Redis error.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class WarmingBenchmark {

	/** Entries per warm-up. */
	static final int ENTRIES = 10_000;

	private static final int PIPELINE_BATCH = 1_000;

	private static final long TTL_SECONDS = 3600;

	private final String[] keys = new String[ENTRIES];

	private final byte[][] rawKeys = new byte[ENTRIES][];

	private final Product[] values = new Product[ENTRIES];

	private final Map<String, Product> entries = new LinkedHashMap<>();

	private final ProductSource source = new ProductSource();

	private final CacheValueSerializer codec = Product.codec();

	private RedisClient rawClient;

	private StatefulRedisConnection<byte[], byte[]> rawConnection;

	private ConfigurableApplicationContext tieredContext;

	private TieredCache tieredCache;

	@Setup
	public void setUp() {
		BenchmarkRedis redis = BenchmarkRedis.locate();
		this.rawClient = redis.client();
		this.rawConnection = this.rawClient.connect(ByteArrayCodec.INSTANCE);
		this.tieredContext = BenchmarkContexts.tiered(redis, this.source);
		this.tieredCache = BenchmarkContexts.tieredCache(this.tieredContext, CachedProducts.LOCAL_CACHE);
		for (int i = 0; i < ENTRIES; i++) {
			this.keys[i] = "warm:" + i;
			this.rawKeys[i] = (BenchmarkRedis.KEY_PREFIX + ":raw-warm:" + i).getBytes(StandardCharsets.UTF_8);
			this.values[i] = ProductSource.product(this.keys[i]);
			this.entries.put(this.keys[i], this.values[i]);
		}
	}

	@TearDown
	public void tearDown() {
		long redisErrors = this.tieredCache.statistics().snapshot().l2Errors();
		this.tieredCache.clear();
		this.rawConnection.sync().unlink(this.rawKeys);
		this.tieredContext.close();
		this.rawConnection.close();
		this.rawClient.shutdown();
		if (redisErrors > 0) {
			throw new IllegalStateException("The tiered cache counted " + redisErrors
					+ " Redis errors (logged above): its timings do not measure complete writes");
		}
	}

	@Benchmark
	@Baseline
	public TieredCache tieredCacheSequentialPuts() {
		for (int i = 0; i < ENTRIES; i++) {
			this.tieredCache.put(this.keys[i], this.values[i]);
		}
		return this.tieredCache;
	}

	@Benchmark
	public BulkFill.Result tieredCacheBulkFill() {
		BulkFill.Result result;
		try (BulkFill fill = this.tieredCache.bulkFill()) {
			result = fill.write(this.entries);
		}
		if (result.written() != ENTRIES) {
			throw new IllegalStateException("The bulk fill wrote " + result.written() + " of " + ENTRIES + " entries");
		}
		return result;
	}

	@Benchmark
	public long lettuceSequentialSets() {
		long written = 0;
		for (int i = 0; i < ENTRIES; i++) {
			this.rawConnection.sync().setex(this.rawKeys[i], TTL_SECONDS, this.codec.serialize(this.values[i]));
			written++;
		}
		return written;
	}

	@Benchmark
	public long lettucePipelinedSets() {
		RedisAsyncCommands<byte[], byte[]> commands = this.rawConnection.async();
		List<RedisFuture<String>> batch = new ArrayList<>(PIPELINE_BATCH);
		long written = 0;
		this.rawConnection.setAutoFlushCommands(false);
		try {
			for (int i = 0; i < ENTRIES; i++) {
				batch.add(commands.setex(this.rawKeys[i], TTL_SECONDS, this.codec.serialize(this.values[i])));
				if (batch.size() == PIPELINE_BATCH || i == ENTRIES - 1) {
					this.rawConnection.flushCommands();
					if (!LettuceFutures.awaitAll(Duration.ofMinutes(1), batch.toArray(RedisFuture[]::new))) {
						throw new IllegalStateException("Redis did not acknowledge " + batch.size() + " SETs in time");
					}
					written += batch.size();
					batch.clear();
				}
			}
		}
		finally {
			this.rawConnection.setAutoFlushCommands(true);
		}
		return written;
	}

}
