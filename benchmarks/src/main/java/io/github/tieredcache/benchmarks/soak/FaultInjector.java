package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Injects faults one at a time, in a seeded random order and at seeded random intervals:
 * waits a gap, injects, holds, heals, waits until the affected instances have L2 hits
 * again (or the recovery timeout passes), and starts over. Each round of the schedule
 * injects every enabled fault once, in shuffled order, so all of them occur even in a
 * short run. The same seed draws the same faults, parameters and gaps (the run's own
 * timing still varies).
 * <p>
 * Thread-safe.
 */
final class FaultInjector implements AutoCloseable {

	private final List<Fault> faults;

	private final SoakOptions options;

	private final SoakClock clock;

	private final TierPoller poller;

	private final SplittableRandom random;

	private final List<Fault> bag = new ArrayList<>();

	private final List<FaultRecord> records = new ArrayList<>();

	private final Thread thread;

	private volatile boolean stopping;

	FaultInjector(List<Fault> faults, SoakOptions options, SoakClock clock, TierPoller poller) {
		this.faults = List.copyOf(faults);
		this.options = options;
		this.clock = clock;
		this.poller = poller;
		this.random = new SplittableRandom(options.seed());
		this.thread = new Thread(this::run, "soak-faults");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	private void run() {
		if (this.faults.isEmpty()) {
			return;
		}
		try {
			while (!this.stopping) {
				Duration gap = SoakRedis.between(this.random, this.options.faultGapMin(), this.options.faultGapMax());
				if (!sleepUnlessStopping(gap)) {
					return;
				}
				inject(next());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Fault next() {
		if (this.bag.isEmpty()) {
			this.bag.addAll(this.faults);
			for (int i = this.bag.size() - 1; i > 0; i--) {
				int j = this.random.nextInt(i + 1);
				this.bag.set(i, this.bag.set(j, this.bag.get(i)));
			}
		}
		return this.bag.remove(this.bag.size() - 1);
	}

	private void inject(Fault fault) throws InterruptedException {
		long start = this.clock.now();
		Fault.Injection injection;
		try {
			injection = fault.inject(this.random);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			log("%s could not be injected: %s", fault.kind(), ex);
			record(new FaultRecord(fault.kind(), "not injected", null, Set.of(), start, this.clock.now(), -1, false,
					ex.toString()));
			return;
		}
		log("%s: %s", fault.kind(), injection.detail());
		Thread.sleep(injection.hold().toMillis());
		String note = null;
		String error = null;
		try {
			note = injection.healing().heal();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			error = "healing failed: " + ex;
			log("%s: %s", fault.kind(), error);
		}
		long end = this.clock.now();
		Set<Integer> affected = new HashSet<>(injection.affected());
		long recovered = this.poller.awaitL2Hits(affected, end, this.options.recoveryTimeout());
		FaultRecord record = new FaultRecord(fault.kind(), injection.detail(), note, affected, start, end, recovered,
				injection.losesRedisData(), error);
		log("%s over after %s%s; %s", fault.kind(), SoakClock.format(record.length()),
				(note != null) ? " (" + note + ")" : "",
				record.recovered() ? "L2 hits again " + SoakClock.format(record.recovery()) + " later"
						: "no L2 hit within " + SoakClock.format(this.options.recoveryTimeout()));
		record(record);
	}

	private void log(String format, Object... args) {
		System.out.println("[" + SoakClock.format(this.clock.now()) + "] " + String.format(format, args));
	}

	private synchronized void record(FaultRecord record) {
		this.records.add(record);
	}

	private boolean sleepUnlessStopping(Duration duration) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (!this.stopping) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
		}
		return false;
	}

	/**
	 * Returns the faults injected so far.
	 * @return the records, in order
	 */
	synchronized List<FaultRecord> records() {
		return List.copyOf(this.records);
	}

	/**
	 * Injects no new fault, and waits until the one in progress is healed and recovered
	 * (or its recovery timed out).
	 */
	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		this.thread.join();
	}

	/**
	 * Returns the faults of a run.
	 * @param redis the topology's Redis
	 * @param fleet the instances
	 * @param kinds the kinds enabled
	 * @return the faults of those kinds
	 */
	static List<Fault> enabled(SoakRedis redis, SampleFleet fleet, List<FaultKind> kinds) {
		List<Fault> all = new ArrayList<>(redis.faults(fleet.size()));
		all.add(fleet.restartFault());
		List<Fault> enabled = new ArrayList<>();
		for (Fault fault : all) {
			if (kinds.contains(fault.kind())) {
				enabled.add(fault);
			}
		}
		return enabled;
	}

}
