package io.github.tieredcache.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.tieredcache.benchmarks.load.SampleApi.Exploit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives the sample application's HTTP API with a mix of reads and writes and reports hit
 * ratios per tier, database queries, requests per second, latency percentiles and stale
 * reads. Chains are drawn from a {@link ZipfDistribution}; a write creates an exploit
 * ({@code POST /exploits}) or renames one ({@code PUT /exploits/{id}}); a read fetches a
 * chain's list or one exploit by id.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.load.LoadGenerator \
 *     --base-url=http://localhost:8080 --threads=8 --duration=60s --write-ratio=0.02 --zipf=1.0
 * </pre>
 *
 * With several base URLs ({@code --base-url=http://a:8080,http://b:8080}), each request
 * goes to an instance chosen at random, and a write acknowledged by one instance must be
 * seen by reads on all of them. Options: see {@link LoadOptions}. The run first sends
 * traffic for {@code --warmup} unmeasured, then reads {@code /stats} and
 * {@code /actuator/prometheus}, runs for {@code --duration}, and reads them again:
 * queries and hit ratios are the differences.
 */
public final class LoadGenerator {

	private static final long HIGHEST_MICROS = 60_000_000;

	private static final int KNOWN_IDS = 4096;

	private final LoadOptions options;

	private final List<SampleApi> instances;

	private final ZipfDistribution chains;

	private final StaleReadDetector stale = new StaleReadDetector();

	/**
	 * Ids seen in responses, for reads and updates by id: a ring, overwritten as it
	 * fills.
	 */
	private final AtomicLongArray knownIds = new AtomicLongArray(KNOWN_IDS);

	private final AtomicLong knownIdCount = new AtomicLong();

	private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

	private volatile Phase phase = Phase.WARMUP;

	private final Histogram all = new ConcurrentHistogram(HIGHEST_MICROS, 3);

	private final Histogram readLatency = new ConcurrentHistogram(HIGHEST_MICROS, 3);

	private final LongAdder reads = new LongAdder();

	private final LongAdder writes = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final AtomicLong names = new AtomicLong();

	LoadGenerator(LoadOptions options, List<SampleApi> instances) {
		this.options = options;
		this.instances = List.copyOf(instances);
		this.chains = new ZipfDistribution(options.chains().size(), options.zipfExponent());
	}

	public static void main(String[] args) throws Exception {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		List<SampleApi> instances = options.baseUrls().stream().map(SampleApi::new).toList();
		LoadReport report = new LoadGenerator(options, instances).run();
		report.lines().forEach(System.out::println);
		if (!report.stale().examples().isEmpty()) {
			System.out.println("first stale reads:");
			report.stale().examples().forEach((example) -> System.out.println("  " + example));
		}
		if (options.reportJson() != null) {
			report.write(options.reportJson());
		}
	}

	LoadReport run() throws InterruptedException, IOException {
		// Fails fast, before any load, when an instance does not have the API
		queries();
		List<Thread> workers = new ArrayList<>();
		try {
			for (int i = 0; i < this.options.threads(); i++) {
				SplittableRandom random = new SplittableRandom(this.options.seed() + i);
				Thread worker = new Thread(() -> work(random), "load-" + i);
				worker.setDaemon(true);
				worker.start();
				workers.add(worker);
			}
			Thread.sleep(this.options.warmup().toMillis());
			long queriesBefore = queries();
			TierCounts tiersBefore = tierCounts();
			this.all.reset();
			this.readLatency.reset();
			this.reads.reset();
			this.writes.reset();
			this.errors.reset();
			this.errorKinds.clear();
			this.stale.resetCounts();
			long start = System.nanoTime();
			this.phase = Phase.MEASURE;
			Thread.sleep(this.options.duration().toMillis());
			this.phase = Phase.STOP;
			double seconds = (System.nanoTime() - start) / 1e9;
			for (Thread worker : workers) {
				worker.join();
			}
			long queries = queries() - queriesBefore;
			TierCounts tiers = tierCounts().minus(tiersBefore);
			this.errorKinds.forEach((kind, count) -> System.out.println("error: " + kind + " ×" + count.sum()));
			return new LoadReport(this.options.label(), seconds, this.options.threads(), this.all.getTotalCount(),
					this.reads.sum(), this.writes.sum(), this.errors.sum(), this.all.getValueAtPercentile(50),
					this.all.getValueAtPercentile(99), this.readLatency.getValueAtPercentile(50),
					this.readLatency.getValueAtPercentile(99), queries, tiers, this.stale.counts());
		}
		finally {
			this.phase = Phase.STOP;
		}
	}

	private void work(SplittableRandom random) {
		while (this.phase != Phase.STOP) {
			Phase during = this.phase;
			boolean write = random.nextDouble() < this.options.writeRatio();
			long start = System.nanoTime();
			try {
				if (write) {
					write(random);
				}
				else {
					read(random);
				}
			}
			catch (IOException | RuntimeException ex) {
				if (during == Phase.MEASURE) {
					this.errors.increment();
					this.errorKinds
						.computeIfAbsent(ex.getClass().getSimpleName() + ": " + ex.getMessage(),
								(kind) -> new LongAdder())
						.increment();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long micros = (System.nanoTime() - start) / 1000;
			if (during == Phase.MEASURE && this.phase == Phase.MEASURE) {
				this.all.recordValue(Math.min(micros, HIGHEST_MICROS));
				if (write) {
					this.writes.increment();
				}
				else {
					this.reads.increment();
					this.readLatency.recordValue(Math.min(micros, HIGHEST_MICROS));
				}
			}
		}
	}

	private long queries() throws IOException, InterruptedException {
		long queries = 0;
		for (SampleApi instance : this.instances) {
			queries += instance.queries();
		}
		return queries;
	}

	private TierCounts tierCounts() throws IOException, InterruptedException {
		TierCounts sum = TierCounts.NONE;
		for (SampleApi instance : this.instances) {
			sum = sum.plus(instance.tierCounts());
		}
		return sum;
	}

	private void read(SplittableRandom random) throws IOException, InterruptedException {
		long id = knownId(random);
		int instance = random.nextInt(this.instances.size());
		SampleApi api = this.instances.get(instance);
		long start = this.stale.now();
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

	private void write(SplittableRandom random) throws IOException, InterruptedException {
		String name = "load-" + this.names.incrementAndGet();
		Object severity = severity(random);
		long id = knownId(random);
		int instance = random.nextInt(this.instances.size());
		SampleApi api = this.instances.get(instance);
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
	}

	private String chain(SplittableRandom random) {
		return this.options.chains().get(this.chains.sample(random.nextDouble()));
	}

	private Object severity(SplittableRandom random) {
		String severity = this.options.severities().get(random.nextInt(this.options.severities().size()));
		return severity.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(severity) : severity;
	}

	private void remember(long id) {
		long slot = this.knownIdCount.getAndIncrement();
		this.knownIds.set((int) (slot % KNOWN_IDS), id);
	}

	/** Returns a random id seen so far, or 0 if none was seen yet. */
	private long knownId(SplittableRandom random) {
		long count = Math.min(this.knownIdCount.get(), KNOWN_IDS);
		return (count > 0) ? this.knownIds.get(random.nextInt((int) count)) : 0;
	}

	private enum Phase {

		WARMUP, MEASURE, STOP

	}

}
