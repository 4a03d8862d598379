package io.github.tieredcache.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.ThrottledLogger;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The outbound side of the bus: a bounded queue that callers add to without blocking, and
 * one thread that drains it into batches, numbers every message (heartbeats included) and
 * publishes it. When the queue is full, the invalidation's cache is remembered and a
 * clear of that whole cache is published instead, so nothing is lost, only widened.
 *
 * <p>
 * Thread-safe: {@link #enqueue(Invalidation)} from any thread; {@link #start(int)} and
 * {@link #stop(Duration)} from the bus's lifecycle.
 */
final class BusPublisher {

	private static final ThrottledLogger logger = new ThrottledLogger(LogFactory.getLog(InvalidationBus.class),
			Duration.ofSeconds(10));

	/** Tells the publisher thread to say goodbye and end; compared by identity. */
	private static final Invalidation STOP = Invalidation.all("stop");

	private static final ThreadFactory PUBLISHER_THREADS = CacheThreads.named("tiered-cache-sync-publisher");

	private final BlockingQueue<Invalidation> queue;

	private final Set<String> overflowedCaches = ConcurrentHashMap.newKeySet();

	private final Consumer<byte[]> sink;

	private final UUID instance;

	private final BusSettings settings;

	private final Clock clock;

	private final Ticker ticker;

	private final BusCounters counters;

	private final SelfProbe probe;

	private int epoch;

	private long sequence;

	private @Nullable Thread thread;

	BusPublisher(Consumer<byte[]> sink, UUID instance, BusSettings settings, Clock clock, Ticker ticker,
			BusCounters counters, SelfProbe probe) {
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.sink = sink;
		this.instance = instance;
		this.settings = settings;
		this.clock = clock;
		this.ticker = ticker;
		this.counters = counters;
		this.probe = probe;
	}

	void enqueue(Invalidation invalidation) {
		if (!this.queue.offer(invalidation)) {
			this.overflowedCaches.add(invalidation.cacheName());
			this.counters.queueOverflows.increment();
		}
	}

	int queueSize() {
		return this.queue.size();
	}

	synchronized void start(int epoch) {
		this.epoch = epoch;
		this.sequence = 0;
		Thread publisher = PUBLISHER_THREADS.newThread(this::run);
		this.thread = publisher;
		publisher.start();
	}

	synchronized void stop(Duration timeout) {
		Thread publisher = this.thread;
		if (publisher == null) {
			return;
		}
		this.thread = null;
		try {
			if (!this.queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				publisher.interrupt();
			}
			publisher.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		publisher.interrupt();
	}

	private void run() {
		long heartbeatNanos = this.settings.heartbeatInterval().toNanos();
		long lastPublished = this.ticker.read();
		boolean stopping = false;
		while (!stopping) {
			List<Invalidation> batch = new ArrayList<>();
			try {
				long wait = heartbeatNanos - (this.ticker.read() - lastPublished);
				Invalidation first = this.queue.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
				if (first != null) {
					batch.add(first);
					collect(batch);
				}
			}
			catch (InterruptedException ex) {
				stopping = true;
			}
			stopping |= batch.removeIf((invalidation) -> invalidation == STOP);
			if (stopping) {
				this.queue.drainTo(batch);
				batch.removeIf((invalidation) -> invalidation == STOP);
			}
			takeOverflowed(batch);
			if (!batch.isEmpty()) {
				publishInvalidations(batch);
				lastPublished = this.ticker.read();
			}
			else if (!stopping && this.ticker.read() - lastPublished >= heartbeatNanos) {
				publish(BusMessage.heartbeat(this.instance, this.epoch, ++this.sequence, this.clock.millis()));
				lastPublished = this.ticker.read();
			}
		}
		publish(BusMessage.goodbye(this.instance, this.epoch, ++this.sequence, this.clock.millis()));
	}

	/**
	 * Adds what else is queued, waiting up to the batch window for more.
	 */
	private void collect(List<Invalidation> batch) throws InterruptedException {
		int size = this.settings.batchSize();
		this.queue.drainTo(batch, size - batch.size());
		long deadline = this.ticker.read() + this.settings.batchWindow().toNanos();
		while (batch.size() < size && !batch.contains(STOP)) {
			long remaining = deadline - this.ticker.read();
			Invalidation next = (remaining > 0) ? this.queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
			if (next == null) {
				return;
			}
			batch.add(next);
			this.queue.drainTo(batch, size - batch.size());
		}
	}

	private void takeOverflowed(List<Invalidation> batch) {
		for (String cacheName : this.overflowedCaches) {
			this.overflowedCaches.remove(cacheName);
			batch.add(Invalidation.all(cacheName));
		}
	}

	private void publishInvalidations(List<Invalidation> batch) {
		MessageSplitter splitter = new MessageSplitter();
		for (Invalidation invalidation : new LinkedHashSet<>(batch)) {
			List<Invalidation> full = splitter.add(invalidation);
			if (full != null) {
				publishBatch(full);
			}
		}
		List<Invalidation> rest = splitter.rest();
		if (!rest.isEmpty()) {
			publishBatch(rest);
		}
	}

	private void publishBatch(List<Invalidation> invalidations) {
		BusMessage message = new BusMessage(BusMessage.Type.INVALIDATIONS, this.instance, this.epoch, ++this.sequence,
				this.clock.millis(), invalidations);
		if (publish(message)) {
			this.counters.batchesSent.increment();
			this.counters.invalidationsSent.add(invalidations.size());
		}
	}

	/**
	 * Publishes a message; a failure costs its sequence number, so other instances see
	 * the gap and flush.
	 */
	private boolean publish(BusMessage message) {
		try {
			this.sink.accept(BusMessageCodec.encode(message));
			this.counters.messagesSent.increment();
			this.probe.published(message.sequence(), this.clock.millis());
			return true;
		}
		catch (RuntimeException ex) {
			this.counters.publishFailures.increment();
			this.probe.publishFailed();
			logger
				.warnRedisFailure("Could not publish a cache invalidation message to other instances (they will notice "
						+ "the gap and flush their L1): " + ex, null);
			return false;
		}
	}

}
