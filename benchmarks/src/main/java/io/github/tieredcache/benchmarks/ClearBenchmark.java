package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What {@link TieredCache#clear()} costs on a large cache, and what other Redis clients
 * notice meanwhile. Each round writes the keys straight into the cache's keyspace
 * ({@code bench:clear-bench:<n>}, pipelined {@code SET}s: {@code clear()} matches keys by
 * pattern, so their values do not matter), clears the cache while a {@link LatencyProbe}
 * sends {@code GET}s for an unrelated key, counts the keys left, then writes the keys
 * again and records the probe for a period of the same length with nothing else running:
 * the baseline. The aim is a worst {@code GET} below 10 ms and no key left.
 *
 * <p>
 * Not a JMH benchmark: one clear is one long, single event, and the latency of another
 * client during it is the result. Run it from the benchmarks jar:
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.ClearBenchmark
 * java -Dclear.keys=100000 -Dclear.rounds=1 -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.ClearBenchmark
 * </pre>
 *
 * System properties: {@code clear.keys} (default 1,000,000), {@code clear.rounds}
 * (default 3). Exits with status 1 if a clear left keys behind.
 */
public final class ClearBenchmark {

	private static final String CACHE_NAME = "clear-bench";

	private static final String NAMESPACE = BenchmarkRedis.KEY_PREFIX + ":" + CACHE_NAME + ":";

	private static final int FILL_BATCH = 10_000;

	/** Keys written for the benchmark expire on their own if a run is interrupted. */
	private static final long FILL_TTL_SECONDS = 3600;

	private static final byte[] FILLER = "v".getBytes(StandardCharsets.UTF_8);

	private static final Duration SETTLE = Duration.ofSeconds(1);

	private final TieredCache cache;

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final LatencyProbe probe;

	private final RedisSlowLog slowLog;

	private ClearBenchmark(TieredCache cache, StatefulRedisConnection<byte[], byte[]> connection, LatencyProbe probe) {
		this.cache = cache;
		this.connection = connection;
		this.probe = probe;
		this.slowLog = new RedisSlowLog(connection.sync());
	}

	public static void main(String[] args) throws Exception {
		int keyCount = Integer.getInteger("clear.keys", 1_000_000);
		int rounds = Integer.getInteger("clear.rounds", 3);
		if (keyCount < 1 || rounds < 1) {
			throw new IllegalArgumentException(
					"clear.keys and clear.rounds must be positive but were " + keyCount + " and " + rounds);
		}
		BenchmarkRedis redis = BenchmarkRedis.locate();
		System.out.printf("Redis: %s; %,d keys, %d round(s)%n", redis, keyCount, rounds);
		LettuceConnectionFactory connectionFactory = redis.connectionFactory();
		RedisClient client = redis.client();
		boolean allCleared;
		try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
			TieredCacheManager manager = TieredCacheManager.builder()
				.cache(CacheSpec.builder(CACHE_NAME).build())
				.remoteTiers(RedisTierFactory.builder(connectionFactory)
					.keyPrefix(BenchmarkRedis.KEY_PREFIX)
					.serializer(Product.codec())
					.build())
				.build();
			TieredCache cache = Objects.requireNonNull(manager.getCache(CACHE_NAME));
			byte[] probeKey = (BenchmarkRedis.KEY_PREFIX + ":clear-probe").getBytes(StandardCharsets.UTF_8);
			connection.sync().setex(probeKey, FILL_TTL_SECONDS, new byte[1024]);
			try (LatencyProbe probe = new LatencyProbe(redis, probeKey)) {
				allCleared = new ClearBenchmark(cache, connection, probe).run(keyCount, rounds);
			}
			finally {
				cache.clear();
				connection.sync().unlink(probeKey);
			}
		}
		finally {
			client.shutdown();
			connectionFactory.destroy();
		}
		System.exit(allCleared ? 0 : 1);
	}

	private boolean run(int keyCount, int rounds) throws InterruptedException {
		checkKeyLayout();
		System.out.println("Redis slow log threshold (slowlog-log-slower-than): " + this.slowLog.threshold());
		int warmUpKeys = Math.min(keyCount, 100_000);
		System.out.printf("%nWarm-up round (%,d keys, not counted)%n", warmUpKeys);
		measure(warmUpKeys);

		List<Round> results = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			System.out.printf("%nRound %d/%d%n", round, rounds);
			Round result = measure(keyCount);
			results.add(result);
		}
		return summarize(keyCount, results);
	}

	/**
	 * Confirms that the keys this benchmark writes are where the cache keeps its entries,
	 * so that the clear really has a million of its own keys to remove.
	 */
	private void checkKeyLayout() {
		this.cache.put("layout-check", Product.sample(0));
		byte[] expected = (NAMESPACE + "layout-check").getBytes(StandardCharsets.UTF_8);
		if (this.connection.sync().exists(expected) != 1) {
			throw new IllegalStateException("The cache did not store its entry under " + NAMESPACE
					+ "layout-check; the benchmark's keys would not be the cache's");
		}
		this.cache.evict("layout-check");
	}

	private Round measure(int keyCount) throws InterruptedException {
		fill(keyCount);
		long present = countKeys();
		if (present != keyCount) {
			throw new IllegalStateException("Expected " + keyCount + " keys in " + NAMESPACE + " but found " + present);
		}
		Thread.sleep(SETTLE.toMillis());

		long slowLogMark = this.slowLog.mark();
		this.probe.startWindow();
		long start = System.nanoTime();
		this.cache.clear();
		long clearNanos = System.nanoTime() - start;
		LatencySummary duringClear = this.probe.endWindow("GET during clear()");
		List<String> slowCommands = this.slowLog.since(slowLogMark);
		long left = countKeys();
		System.out.printf(Locale.ROOT, "clear() of %,d keys: %,d ms, keys left: %d%n", keyCount, clearNanos / 1_000_000,
				left);
		System.out.println("  " + duringClear);
		System.out.println("  Redis slow log during clear(): " + (slowCommands.isEmpty() ? "nothing" : slowCommands));

		fill(keyCount);
		Thread.sleep(SETTLE.toMillis());
		this.probe.startWindow();
		Thread.sleep(Math.max(1, clearNanos / 1_000_000));
		LatencySummary baseline = this.probe.endWindow("GET, no clear (baseline)");
		System.out.println("  " + baseline);
		this.cache.clear();
		return new Round(clearNanos, left, duringClear, baseline, slowCommands.size());
	}

	private void fill(int keyCount) {
		long start = System.nanoTime();
		this.connection.setAutoFlushCommands(false);
		try {
			RedisAsyncCommands<byte[], byte[]> commands = this.connection.async();
			SetArgs expiring = SetArgs.Builder.ex(FILL_TTL_SECONDS);
			List<RedisFuture<String>> batch = new ArrayList<>(FILL_BATCH);
			for (int n = 0; n < keyCount; n++) {
				batch.add(commands.set((NAMESPACE + n).getBytes(StandardCharsets.UTF_8), FILLER, expiring));
				if (batch.size() == FILL_BATCH || n == keyCount - 1) {
					this.connection.flushCommands();
					if (!LettuceFutures.awaitAll(Duration.ofMinutes(1), batch.toArray(RedisFuture[]::new))) {
						throw new IllegalStateException("Redis did not acknowledge " + batch.size() + " SETs in time");
					}
					batch.clear();
				}
			}
		}
		finally {
			this.connection.setAutoFlushCommands(true);
		}
		System.out.printf("(wrote %,d keys in %,d ms)%n", keyCount, (System.nanoTime() - start) / 1_000_000);
	}

	private long countKeys() {
		RedisCommands<byte[], byte[]> commands = this.connection.sync();
		ScanArgs matching = ScanArgs.Builder.matches(NAMESPACE + "*").limit(10_000);
		long count = 0;
		KeyScanCursor<byte[]> cursor = commands.scan(matching);
		count += cursor.getKeys().size();
		while (!cursor.isFinished()) {
			cursor = commands.scan(ScanCursor.of(cursor.getCursor()), matching);
			count += cursor.getKeys().size();
		}
		return count;
	}

	private static boolean summarize(int keyCount, List<Round> rounds) {
		long[] clearMillis = rounds.stream().mapToLong((round) -> round.clearNanos() / 1_000_000).sorted().toArray();
		long keysLeft = rounds.stream().mapToLong(Round::keysLeft).max().orElse(0);
		long worstDuring = rounds.stream().mapToLong((round) -> round.duringClear().maxNanos()).max().orElse(0);
		long worstBaseline = rounds.stream().mapToLong((round) -> round.baseline().maxNanos()).max().orElse(0);
		long p999During = rounds.stream().mapToLong((round) -> round.duringClear().p999Nanos()).max().orElse(0);
		long p999Baseline = rounds.stream().mapToLong((round) -> round.baseline().p999Nanos()).max().orElse(0);
		System.out.printf(Locale.ROOT, "%nSummary over %d round(s) of %,d keys%n", rounds.size(), keyCount);
		System.out.printf(Locale.ROOT, "  clear() time: median %,d ms (all: %s)%n", clearMillis[clearMillis.length / 2],
				Arrays.toString(clearMillis));
		System.out.printf(Locale.ROOT, "  keys left after clear(): %d (aim: 0)%n", keysLeft);
		System.out.printf(Locale.ROOT, "  commands in Redis's slow log during clear(): %d%n",
				rounds.stream().mapToInt(Round::slowCommands).sum());
		System.out.printf(Locale.ROOT,
				"  worst concurrent GET: %.3f ms during clear() vs %.3f ms baseline (%.2f×; aim < 10 ms: %s)%n",
				LatencySummary.millis(worstDuring), LatencySummary.millis(worstBaseline),
				(double) worstDuring / worstBaseline, (worstDuring < 10_000_000) ? "met" : "NOT met");
		System.out.printf(Locale.ROOT, "  worst p99.9 GET:      %.3f ms during clear() vs %.3f ms baseline (%.2f×)%n",
				LatencySummary.millis(p999During), LatencySummary.millis(p999Baseline),
				(double) p999During / p999Baseline);
		return keysLeft == 0;
	}

	private record Round(long clearNanos, long keysLeft, LatencySummary duringClear, LatencySummary baseline,
			int slowCommands) {

	}

}
