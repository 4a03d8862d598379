package io.github.tieredcache.benchmarks.writes;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Counts views of exploits through the sample's {@code POST /exploits/{id}/views} on
 * whichever instances are up, from several threads. Each thread owns a share of the keys
 * and writes one key at a time, so every key's writes are sequential and its last
 * acknowledged value (the count a {@code 200} returned) is known. A write that fails (its
 * instance was killed) is sent again to another instance until one acknowledges it, so
 * the last write of every key is an acknowledged one.
 */
final class ViewDriver {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client;

	private final List<SampleInstance> instances;

	private final int threads;

	private final long[] lastAcknowledged;

	private final LongAdder acknowledged = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private volatile boolean stopping;

	ViewDriver(HttpClient client, List<SampleInstance> instances, int keys, int threads) {
		this.client = client;
		this.instances = instances;
		this.threads = threads;
		this.lastAcknowledged = new long[keys];
	}

	void start() {
		for (int t = 0; t < this.threads; t++) {
			int owner = t;
			Thread worker = new Thread(() -> drive(owner), "view-driver-" + t);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	/**
	 * Stops writing once every thread's write in flight was acknowledged.
	 */
	void stop() throws InterruptedException {
		this.stopping = true;
		for (Thread worker : this.workers) {
			worker.join();
		}
		Throwable failed = this.failure.get();
		if (failed != null) {
			throw new IllegalStateException("The driver failed: " + failed, failed);
		}
	}

	/**
	 * Returns each key's last acknowledged count, {@code 0} for a key never written;
	 * index {@code id - 1}. Read after {@link #stop()}.
	 * @return the counts
	 */
	long[] lastAcknowledged() {
		return this.lastAcknowledged.clone();
	}

	long acknowledged() {
		return this.acknowledged.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	long timedOut() {
		return this.timedOut.sum();
	}

	private void drive(int owner) {
		SplittableRandom random = new SplittableRandom(owner);
		List<Integer> keys = new ArrayList<>();
		for (int key = owner + 1; key <= this.lastAcknowledged.length; key += this.threads) {
			keys.add(key);
		}
		try {
			while (!this.stopping) {
				int key = keys.get(random.nextInt(keys.size()));
				this.lastAcknowledged[key - 1] = writeUntilAcknowledged(key, random);
				this.acknowledged.increment();
			}
		}
		catch (Throwable ex) {
			this.failure.compareAndSet(null, ex);
		}
	}

	private long writeUntilAcknowledged(int key, SplittableRandom random) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			List<SampleInstance> up = this.instances.stream().filter(SampleInstance::isUp).toList();
			if (up.isEmpty()) {
				Thread.sleep(50);
				continue;
			}
			SampleInstance instance = up.get(random.nextInt(up.size()));
			HttpRequest request = HttpRequest.newBuilder(instance.baseUri().resolve("/exploits/" + key + "/views"))
				.timeout(REQUEST_TIMEOUT)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build();
			try {
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return Long.parseLong(response.body().strip());
				}
			}
			catch (HttpTimeoutException ex) {
				// The write may still be queued later: counted, as it could overtake the
				// retry
				this.timedOut.increment();
			}
			catch (IOException ex) {
				// The instance was killed during the call, or its connection was
			}
			this.failed.increment();
			Thread.sleep(20);
		}
		throw new IllegalStateException("No instance acknowledged a view of exploit " + key + " for 3 minutes");
	}

}
