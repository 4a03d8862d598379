package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * Another client of the same Redis: a thread that sends {@code GET} for one key in a
 * tight loop, on its own client and connection, and records every round trip that starts
 * while a window is open. Between windows it keeps running, so the connection and the
 * code stay warm.
 *
 * <p>
 * What it measures is what any other client would see, including time its own thread
 * waits for a CPU on a busy machine; compare only with a window recorded by the same
 * probe without the disturbance.
 */
final class LatencyProbe implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final byte[] key;

	private final Thread thread;

	private final AtomicLong completed = new AtomicLong();

	private volatile @Nullable Recording window;

	private volatile boolean running = true;

	private volatile @Nullable RuntimeException failure;

	LatencyProbe(BenchmarkRedis redis, byte[] key) {
		this.client = redis.client();
		this.connection = this.client.connect(ByteArrayCodec.INSTANCE);
		this.key = key;
		this.thread = new Thread(this::run, "latency-probe");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		RedisCommands<byte[], byte[]> commands = this.connection.sync();
		try {
			while (this.running) {
				Recording recording = this.window;
				long start = System.nanoTime();
				commands.get(this.key);
				long elapsed = System.nanoTime() - start;
				if (recording != null) {
					recording.add(elapsed);
				}
				this.completed.incrementAndGet();
			}
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	/**
	 * Opens a window: round trips that start from now on are recorded.
	 */
	void startWindow() {
		checkAlive();
		this.window = new Recording();
	}

	/**
	 * Closes the window, waiting for the round trip in flight (it started inside the
	 * window, so it belongs to it).
	 * @param label what the window measured
	 * @return the latencies recorded in the window
	 */
	LatencySummary endWindow(String label) {
		Recording recording = Objects.requireNonNull(this.window, "no open window");
		this.window = null;
		long seen = this.completed.get();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.completed.get() <= seen && System.nanoTime() < deadline) {
			checkAlive();
			Thread.onSpinWait();
		}
		checkAlive();
		return recording.summarize(label);
	}

	private void checkAlive() {
		RuntimeException ex = this.failure;
		if (ex != null) {
			throw new IllegalStateException("The latency probe's GET failed", ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(10).toMillis());
		this.connection.close();
		this.client.shutdown();
	}

	/**
	 * Latencies of one window, in nanoseconds; written by the probe thread, read once the
	 * window is closed.
	 */
	private static final class Recording {

		private long[] nanos = new long[1 << 16];

		private int count;

		synchronized void add(long elapsed) {
			if (this.count == this.nanos.length) {
				this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
			}
			this.nanos[this.count++] = elapsed;
		}

		synchronized LatencySummary summarize(String label) {
			long[] sorted = Arrays.copyOf(this.nanos, this.count);
			Arrays.sort(sorted);
			return new LatencySummary(label, this.count, percentile(sorted, 0.5), percentile(sorted, 0.99),
					percentile(sorted, 0.999), (this.count > 0) ? sorted[this.count - 1] : 0);
		}

		private static long percentile(long[] sorted, double fraction) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(fraction * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
		}

	}

}
