package io.github.tieredcache.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import io.github.tieredcache.cache.TieredCache;
import org.awaitility.Awaitility;

/**
 * Threads that keep calling a cached lookup, {@code cache.get(key, loader)}, over a small
 * key space until stopped, the way request threads would; the loader answers from a
 * {@link VersionedSource}. Records every exception that reaches a caller and the slowest
 * call.
 */
public final class CallerLoad implements AutoCloseable {

	private final List<Thread> threads = new ArrayList<>();

	private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

	private final AtomicLong calls = new AtomicLong();

	private final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);

	private volatile boolean running = true;

	private CallerLoad(TieredCache cache, VersionedSource source, int threadCount) {
		for (int i = 0; i < threadCount; i++) {
			Thread thread = new Thread(() -> call(cache, source), "caller-" + i);
			this.threads.add(thread);
		}
	}

	/**
	 * Starts the callers.
	 * @param cache the cache to call
	 * @param source where the loader reads values
	 * @param threadCount how many callers
	 * @return the running load
	 */
	public static CallerLoad start(TieredCache cache, VersionedSource source, int threadCount) {
		CallerLoad load = new CallerLoad(cache, source, threadCount);
		load.threads.forEach(Thread::start);
		return load;
	}

	private void call(TieredCache cache, VersionedSource source) {
		while (this.running) {
			int key = ThreadLocalRandom.current().nextInt(source.size());
			long start = System.nanoTime();
			try {
				Object value = cache.get(key, () -> source.read(key));
				if (value == null) {
					throw new IllegalStateException("null for key " + key);
				}
			}
			catch (Throwable ex) {
				this.errors.add(ex);
			}
			this.slowestNanos.accumulate(System.nanoTime() - start);
			this.calls.incrementAndGet();
		}
	}

	public List<Throwable> errors() {
		return List.copyOf(this.errors);
	}

	public long calls() {
		return this.calls.get();
	}

	/**
	 * Waits until the callers are well under way: every fault should hit calls in flight,
	 * not a load that has yet to start.
	 * @param count how many calls to wait for
	 * @return this load
	 */
	public CallerLoad awaitCalls(long count) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.calls.get() >= count);
		return this;
	}

	public Duration slowestCall() {
		return Duration.ofNanos(this.slowestNanos.get());
	}

	/**
	 * Stops the callers and waits for them.
	 */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(Duration.ofSeconds(30).toMillis());
		}
	}

}
