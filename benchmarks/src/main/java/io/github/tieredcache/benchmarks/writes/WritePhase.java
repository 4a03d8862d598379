package io.github.tieredcache.benchmarks.writes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.tieredcache.benchmarks.load.ZipfDistribution;
import io.github.tieredcache.write.WriteBehindQueues;
import io.github.tieredcache.write.WriteBehindStats;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One measured period of one way of writing: several threads write view counts of keys
 * (exploit ids from 1) drawn from a {@link ZipfDistribution} for a fixed time, each call
 * timed; then, for a write-behind way, the queue is waited for until every queued write
 * ran, so the database work it caused is counted with it and does not spill into the next
 * period. Not thread-safe; one phase runs at a time.
 */
final class WritePhase {

	private final CountingDataSource database;

	private final WriteBehindQueues queues;

	private final ZipfDistribution keys;

	private final AtomicLong views = new AtomicLong();

	private long seed = 42;

	WritePhase(CountingDataSource database, WriteBehindQueues queues, ZipfDistribution keys) {
		this.database = database;
		this.queues = queues;
		this.keys = keys;
	}

	/**
	 * Runs a phase.
	 * @param way the way of writing
	 * @param threads the writing threads
	 * @param length how long they write
	 * @return what was measured
	 */
	Result run(WriteWay way, int threads, Duration length) throws InterruptedException {
		long statements = this.database.statements();
		long commits = this.database.commits();
		List<Histogram> latencies = new ArrayList<>();
		List<Thread> writers = new ArrayList<>();
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		long[] writes = new long[threads];
		long start = System.nanoTime();
		long end = start + length.toNanos();
		for (int t = 0; t < threads; t++) {
			Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
			latencies.add(histogram);
			SplittableRandom random = new SplittableRandom(this.seed++);
			int index = t;
			Thread writer = new Thread(() -> {
				try {
					long done = 0;
					while (System.nanoTime() < end) {
						long key = this.keys.sample(random.nextDouble()) + 1L;
						long value = this.views.incrementAndGet();
						long before = System.nanoTime();
						way.writer().write(key, value);
						histogram
							.recordValue(Math.min(System.nanoTime() - before, histogram.getHighestTrackableValue()));
						done++;
					}
					writes[index] = done;
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}, "writer-" + t);
			writers.add(writer);
			writer.start();
		}
		for (Thread writer : writers) {
			writer.join();
		}
		long elapsed = System.nanoTime() - start;
		Throwable failed = failure.get();
		if (failed != null) {
			throw new IllegalStateException(way.name() + " failed: " + failed, failed);
		}
		long drain = (way.queuedCache() != null) ? awaitDrained(way.queuedCache()) : 0;
		Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
		latencies.forEach(all::add);
		long total = 0;
		for (long count : writes) {
			total += count;
		}
		return new Result(total, elapsed, all.getValueAtPercentile(50), all.getValueAtPercentile(99),
				this.database.statements() - statements, this.database.commits() - commits, drain);
	}

	/**
	 * Waits until no write of the cache is queued any more.
	 * @return how long that took, in nanoseconds
	 */
	private long awaitDrained(String cache) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
			WriteBehindStats stats = this.queues.stats(cache);
			if (stats != null && !stats.redisUnavailable() && stats.queueDepth() == 0 && stats.pendingKeys() == 0) {
				return System.nanoTime() - start;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(
				"The write-behind queue of " + cache + " did not drain within 2 minutes: " + this.queues.stats(cache));
	}

	/**
	 * A way of writing a view count.
	 *
	 * @param name its name in the report
	 * @param writer the write
	 * @param queuedCache the write-behind cache, or {@code null} for a synchronous way
	 */
	record WriteWay(String name, Writer writer, @Nullable String queuedCache) {
	}

	/**
	 * Writes one view count.
	 */
	@FunctionalInterface
	interface Writer {

		void write(long exploitId, long views);

	}

	/**
	 * What one phase measured.
	 *
	 * @param writes the writes acknowledged (calls returned)
	 * @param elapsedNanos how long the threads wrote
	 * @param p50Nanos the median latency of a call
	 * @param p99Nanos the 99th percentile latency of a call
	 * @param statements statements sent to the database, until the queue drained
	 * @param commits transactions committed, until the queue drained
	 * @param drainNanos time from the last call until the queue was empty, 0 for
	 * synchronous writes
	 */
	record Result(long writes, long elapsedNanos, long p50Nanos, long p99Nanos, long statements, long commits,
			long drainNanos) {

		double writesPerSecond() {
			return this.writes * 1e9 / this.elapsedNanos;
		}

		double statementsPerThousand() {
			return this.statements * 1000.0 / this.writes;
		}

		double commitsPerThousand() {
			return this.commits * 1000.0 / this.writes;
		}

	}

}
