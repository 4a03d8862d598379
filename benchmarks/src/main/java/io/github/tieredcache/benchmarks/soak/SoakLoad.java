package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.tieredcache.benchmarks.load.LoadOptions;
import io.github.tieredcache.benchmarks.load.SampleApi;
import io.github.tieredcache.benchmarks.load.SampleApi.Exploit;
import io.github.tieredcache.benchmarks.load.SampleApi.UnexpectedStatusException;
import io.github.tieredcache.benchmarks.load.StaleReadDetector;
import io.github.tieredcache.benchmarks.load.ZipfDistribution;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The soak's clients: threads sending reads of chains' lists and of exploits by id,
 * creates and updates, and view counts, each to an instance in rotation chosen at random.
 * Every answer is checked by the {@link StaleReadDetector} (reads against writes
 * acknowledged by any instance) or the {@link ViewLedger}; every failure is kept with its
 * time, for the report to place against the faults.
 * <p>
 * Thread-safe.
 */
final class SoakLoad implements AutoCloseable {

	private static final long HIGHEST_MICROS = 60_000_000;

	private static final int KNOWN_IDS = 4096;

	private static final int OWNED_IDS = 32;

	private static final int MAX_ERRORS = 100_000;

	private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

	private final SoakOptions options;

	private final SampleFleet fleet;

	private final SoakClock clock;

	private final StaleReadDetector stale;

	private final ViewLedger views = new ViewLedger();

	private final ZipfDistribution chains;

	private final AtomicLongArray knownIds = new AtomicLongArray(KNOWN_IDS);

	private final AtomicLong knownIdCount = new AtomicLong();

	private final AtomicLong names = new AtomicLong();

	private final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);

	private final LongAdder reads = new LongAdder();

	private final LongAdder writes = new LongAdder();

	private final LongAdder viewCount = new LongAdder();

	private final LongAdder conflicts = new LongAdder();

	private final List<CallerError> errors = new ArrayList<>();

	private final LongAdder errorCount = new LongAdder();

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean measuring;

	private volatile boolean running = true;

	SoakLoad(SoakOptions options, SampleFleet fleet, SoakClock clock) {
		this.options = options;
		this.fleet = fleet;
		this.clock = clock;
		this.stale = new StaleReadDetector(clock::now);
		this.chains = new ZipfDistribution(LoadOptions.DEFAULT_CHAINS.size(), options.zipfExponent());
	}

	void start() {
		for (int i = 0; i < this.options.threads(); i++) {
			SplittableRandom random = new SplittableRandom(this.options.seed() + 1000 + i);
			Thread worker = new Thread(() -> work(random), "soak-load-" + i);
			worker.setDaemon(true);
			worker.start();
			this.workers.add(worker);
		}
	}

	/**
	 * Starts measuring: what was counted during the warm-up is forgotten (what was
	 * acknowledged is kept, so reads are still judged against it).
	 */
	void measure() {
		this.latency.reset();
		this.reads.reset();
		this.writes.reset();
		this.viewCount.reset();
		this.conflicts.reset();
		this.errorCount.reset();
		synchronized (this.errors) {
			this.errors.clear();
		}
		this.stale.resetCounts();
		this.measuring = true;
	}

	private void work(SplittableRandom random) {
		List<Long> owned = new ArrayList<>();
		while (this.running) {
			int instance = this.fleet.pick(random);
			if (instance < 0) {
				pause();
				continue;
			}
			SampleApi api = this.fleet.api(instance);
			double draw = random.nextDouble();
			long start = this.clock.now();
			boolean measured = this.measuring;
			try {
				if (draw < this.options.viewRatio() && !owned.isEmpty()) {
					view(api, instance, owned.get(random.nextInt(owned.size())), start);
					count(this.viewCount, measured);
				}
				else if (draw < this.options.viewRatio() + this.options.writeRatio()) {
					write(api, instance, random, owned);
					count(this.writes, measured);
				}
				else {
					read(api, instance, random, start);
					count(this.reads, measured);
				}
			}
			catch (UnexpectedStatusException ex) {
				if (ex.status() == 409) {
					count(this.conflicts, measured);
				}
				else {
					failed(start, instance, "HTTP " + ex.status(), ex.getMessage(), measured);
				}
			}
			catch (HttpTimeoutException ex) {
				failed(start, instance, "timeout", ex.getMessage(), measured);
			}
			catch (ConnectException ex) {
				failed(start, instance, "connection refused", ex.getMessage(), measured);
			}
			catch (IOException | RuntimeException ex) {
				failed(start, instance, ex.getClass().getSimpleName(), ex.getMessage(), measured);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (measured && this.measuring) {
				this.latency.recordValue(Math.min((this.clock.now() - start) / 1000, HIGHEST_MICROS));
			}
		}
	}

	private void read(SampleApi api, int instance, SplittableRandom random, long start)
			throws IOException, InterruptedException {
		long id = knownId(random);
		if (id > 0 && random.nextDouble() < this.options.byIdShare()) {
			this.stale.checkExploit(api.get(id), start, instance);
			return;
		}
		String chain = chain(random);
		List<Exploit> exploits = api.list(chain);
		this.stale.checkList(chain, start, exploits, instance);
		if (!exploits.isEmpty()) {
			remember(exploits.get(random.nextInt(exploits.size())).id());
		}
	}

	private void write(SampleApi api, int instance, SplittableRandom random, List<Long> owned)
			throws IOException, InterruptedException {
		String name = "soak-" + this.names.incrementAndGet();
		String severity = SEVERITIES.get(random.nextInt(SEVERITIES.size()));
		long id = knownId(random);
		if (id > 0 && random.nextDouble() < this.options.updateShare()) {
			Exploit updated = api.update(id, name, severity);
			if (updated != null && updated.version() != null) {
				this.stale.updated(id, updated.version(), instance);
			}
			return;
		}
		String chain = chain(random);
		Exploit created = api.create(chain, name, severity);
		this.stale.created(chain, created.id(), instance);
		remember(created.id());
		// this thread alone counts the views of the exploits it created
		if (owned.size() < OWNED_IDS) {
			owned.add(created.id());
		}
		else {
			owned.set(random.nextInt(OWNED_IDS), created.id());
		}
	}

	private void view(SampleApi api, int instance, long id, long start) throws IOException, InterruptedException {
		long count = api.view(id);
		this.views.viewed(id, start, this.clock.now(), count, instance);
	}

	private void failed(long start, int instance, String kind, String message, boolean measured) {
		if (!measured) {
			return;
		}
		this.errorCount.increment();
		synchronized (this.errors) {
			if (this.errors.size() < MAX_ERRORS) {
				this.errors.add(new CallerError(start, instance, kind, String.valueOf(message)));
			}
		}
	}

	private static void count(LongAdder counter, boolean measured) {
		if (measured) {
			counter.increment();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String chain(SplittableRandom random) {
		return LoadOptions.DEFAULT_CHAINS.get(this.chains.sample(random.nextDouble()));
	}

	private void remember(long id) {
		long slot = this.knownIdCount.getAndIncrement();
		this.knownIds.set((int) (slot % KNOWN_IDS), id);
	}

	private long knownId(SplittableRandom random) {
		long count = Math.min(this.knownIdCount.get(), KNOWN_IDS);
		return (count > 0) ? this.knownIds.get(random.nextInt((int) count)) : 0;
	}

	StaleReadDetector stale() {
		return this.stale;
	}

	ViewLedger views() {
		return this.views;
	}

	/**
	 * Returns what was counted while measuring.
	 * @return the counts
	 */
	Counts counts() {
		synchronized (this.errors) {
			return new Counts(this.reads.sum(), this.writes.sum(), this.viewCount.sum(), this.conflicts.sum(),
					this.errorCount.sum(), List.copyOf(this.errors), this.latency.getValueAtPercentile(50),
					this.latency.getValueAtPercentile(99), this.latency.getMaxValue());
		}
	}

	/**
	 * Stops the clients and waits for the requests in flight.
	 */
	@Override
	public void close() throws InterruptedException {
		this.measuring = false;
		this.running = false;
		for (Thread worker : this.workers) {
			worker.join(15_000);
		}
	}

	/**
	 * A request that failed: a status of 500 or more, another unexpected status, a
	 * timeout or a transport error.
	 *
	 * @param nanos when it was sent
	 * @param instance the instance
	 * @param kind what went wrong, in a word or two
	 * @param message the details
	 */
	record CallerError(long nanos, int instance, String kind, String message) {

	}

	/**
	 * What the clients counted while measuring.
	 *
	 * @param reads reads answered
	 * @param writes creates and updates answered
	 * @param views views answered
	 * @param conflicts updates refused with {@code 409} (a concurrent update of the same
	 * exploit; the API's answer, not an error)
	 * @param errors failed requests
	 * @param errorList the failures, at most 100,000
	 * @param p50Micros median latency
	 * @param p99Micros 99th percentile latency
	 * @param maxMicros longest request
	 */
	record Counts(long reads, long writes, long views, long conflicts, long errors, List<CallerError> errorList,
			long p50Micros, long p99Micros, long maxMicros) {

		long requests() {
			return this.reads + this.writes + this.views + this.conflicts + this.errors;
		}

	}

}
