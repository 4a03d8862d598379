package io.github.tieredcache.benchmarks.writes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.github.tieredcache.benchmarks.load.ZipfDistribution;
import io.github.tieredcache.benchmarks.writes.WritePhase.Result;
import io.github.tieredcache.benchmarks.writes.WritePhase.WriteWay;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.write.WriteBehindQueues;
import io.github.tieredcache.write.WriteBehindStats;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code @WriteBehind} against synchronous writes of the same shape, in one run, on a
 * real PostgreSQL (a fresh database per run) and Redis: the sample application's
 * view-count write, by several threads, on keys drawn from a Zipf distribution so that
 * coalescing matters. Each round runs every way of writing for the same time, in an order
 * that rotates from round to round; a write-behind way is followed by a wait until its
 * queue is empty, so the database work it caused is counted with it. Reported per way, as
 * the median over the rounds of the per-round ratio to the synchronous baseline:
 * throughput, p50 and p99 latency of a call; and the statements and transactions the
 * database received per 1,000 acknowledged writes.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.writes.WriteBehindComparison
 * java -Dwrites.rounds=3 -Dwrites.seconds=5 -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.writes.WriteBehindComparison
 * </pre>
 *
 * System properties: {@code writes.rounds} (5), {@code writes.seconds} per way and round
 * (10), {@code writes.threads} (4), {@code writes.keys} (1000), {@code writes.zipf}
 * exponent (1.0), {@code writes.postgres} ({@code jdbc:postgresql://127.0.0.1:5432/}),
 * {@code writes.postgres-user} ({@code postgres}), {@code writes.postgres-password}
 * (empty). Redis: {@code BENCH_REDIS_URL}, else a {@code redis-server} the test harness
 * starts.
 */
public final class WriteBehindComparison {

	private WriteBehindComparison() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("writes.rounds", 5);
		Duration length = Duration.ofSeconds(Integer.getInteger("writes.seconds", 10));
		int threads = Integer.getInteger("writes.threads", 4);
		int keyCount = Integer.getInteger("writes.keys", 1000);
		double exponent = Double.parseDouble(System.getProperty("writes.zipf", "1.0"));
		String redisUrl = redisUrl();
		try (FreshDatabase database = FreshDatabase.create(
				System.getProperty("writes.postgres", "jdbc:postgresql://127.0.0.1:5432/"),
				System.getProperty("writes.postgres-user", "postgres"),
				System.getProperty("writes.postgres-password", ""), "write_behind_comparison")) {
			System.out.printf(Locale.ROOT,
					"Write-behind comparison: %d rounds of %d s per way, %d threads, %d keys (Zipf %.2f), "
							+ "PostgreSQL database %s, Redis %s%n",
					rounds, length.toSeconds(), threads, keyCount, exponent, database.name(), redisUrl);
			FreshDatabase.Activity before = database.activity();
			List<List<Result>> results;
			List<WriteWay> ways;
			List<WriteBehindStats> queueStats = new ArrayList<>();
			long statements;
			try (ConfigurableApplicationContext context = ViewWritesApplication.start(redisUrl, database,
					"wb-bench-" + UUID.randomUUID().toString().substring(0, 8))) {
				ExploitViewWrites writes = context.getBean(ExploitViewWrites.class);
				writes.createTable(keyCount);
				CountingDataSource counted = context.getBean(CountingDataSource.class);
				WriteBehindQueues queues = context.getBean(WriteBehindQueues.class);
				ways = List.of(new WriteWay("synchronous @Transactional", writes::save, null),
						new WriteWay("@WriteThrough", writes::saveThrough, null),
						new WriteWay("@WriteBehind, delay 1s", writes::saveBehind,
								ExploitViewWrites.BEHIND_DEFAULT_DELAY_CACHE),
						new WriteWay("@WriteBehind, delay 5s (the sample's)", writes::saveBehindAsTheSample,
								ExploitViewWrites.BEHIND_SAMPLE_DELAY_CACHE));
				WritePhase phase = new WritePhase(counted, queues, new ZipfDistribution(keyCount, exponent));
				System.out.println("Warm-up round ...");
				for (WriteWay way : ways) {
					phase.run(way, threads, length.dividedBy(2));
				}
				results = new ArrayList<>();
				ways.forEach((way) -> results.add(new ArrayList<>()));
				for (int round = 0; round < rounds; round++) {
					for (int turn = 0; turn < ways.size(); turn++) {
						int index = (round + turn) % ways.size();
						Result result = phase.run(ways.get(index), threads, length);
						results.get(index).add(result);
						System.out.println(WriteComparisonReport.line(round + 1, ways.get(index).name(), result));
					}
				}
				statements = counted.statements();
				for (WriteWay way : ways) {
					if (way.queuedCache() != null) {
						queueStats.add(queues.stats(way.queuedCache()));
					}
				}
			}
			System.out.println();
			System.out.println(WriteComparisonReport.table(ways, results, rounds, threads, keyCount, exponent));
			queueStats.forEach((stats) -> System.out.println("Queue: " + stats));
			// The pool is closed: every connection has reported its counts to PostgreSQL
			FreshDatabase.Activity measured = database.activity().minus(before);
			System.out.printf(Locale.ROOT,
					"Cross-check over the whole run, warm-up included: the application sent %,d statements; "
							+ "PostgreSQL counted %,d rows updated, %,d inserted and %,d commits in the database.%n",
					statements, measured.rowsUpdated(), measured.rowsInserted(), measured.commits());
		}
	}

	private static String redisUrl() {
		String url = System.getenv("BENCH_REDIS_URL");
		return (url != null && !url.isBlank()) ? url.strip() : RedisServers.shared().url();
	}

}
