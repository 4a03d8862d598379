package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.tieredcache.benchmarks.load.TierCounts;
import org.jspecify.annotations.Nullable;

/**
 * Polls every instance's {@code /actuator/prometheus} for the tiered cache's gets per
 * tier, keeps what each interval added (a restarted instance's counters start again from
 * zero, which is taken into account), and tells when an instance's L2 hits resume.
 * <p>
 * Thread-safe: one thread polls, others read.
 */
final class TierPoller implements AutoCloseable {

	private final SampleFleet fleet;

	private final Duration interval;

	private final SoakClock clock;

	private final @Nullable TierCounts[] last;

	private final long[] l2HitsSeen;

	private final List<Tick> ticks = new ArrayList<>();

	private long polls;

	private final Thread thread;

	private volatile boolean running = true;

	TierPoller(SampleFleet fleet, Duration interval, SoakClock clock) {
		this.fleet = fleet;
		this.interval = interval;
		this.clock = clock;
		this.last = new TierCounts[fleet.size()];
		this.l2HitsSeen = new long[fleet.size()];
		this.thread = new Thread(this::run, "soak-tier-poller");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	private void run() {
		while (this.running) {
			long started = System.nanoTime();
			poll();
			long left = this.interval.toNanos() - (System.nanoTime() - started);
			try {
				if (left > 0) {
					Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void poll() {
		TierCounts added = TierCounts.NONE;
		TierCounts[] now = new TierCounts[this.fleet.size()];
		for (int i = 0; i < this.fleet.size(); i++) {
			try {
				now[i] = TierCounts.parse(this.fleet.api(i).prometheus());
			}
			catch (IOException ex) {
				now[i] = null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		long at = this.clock.now();
		synchronized (this) {
			for (int i = 0; i < now.length; i++) {
				TierCounts current = now[i];
				if (current == null) {
					continue;
				}
				TierCounts previous = this.last[i];
				// counters that went down belong to a restarted instance: all of them are
				// new
				TierCounts delta = (previous == null
						|| current.l1Hits() + current.l1Misses() < previous.l1Hits() + previous.l1Misses()) ? current
								: current.minus(previous);
				if (previous == null) {
					// the first scrape sets the base only
					delta = TierCounts.NONE;
				}
				this.last[i] = current;
				this.l2HitsSeen[i] += (long) Math.max(0, delta.l2Hits());
				added = added.plus(delta);
			}
			this.ticks.add(new Tick(at, added));
			this.polls++;
			notifyAll();
		}
	}

	/**
	 * Waits until each of the given instances has had an L2 hit after the given time,
	 * counting only hits seen by a poll that started after it.
	 * @param instances the instances
	 * @param since the time (a {@link SoakClock} reading), usually when a fault ended
	 * @param timeout how long to wait
	 * @return when the last of them had its first L2 hit (the poll that saw it), or
	 * {@code -1} if the time ran out first
	 */
	synchronized long awaitL2Hits(Set<Integer> instances, long since, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		// the first poll after 'since' sets the base: hits it shows may be older
		long basePoll = this.polls + 1;
		while (this.polls < basePoll) {
			if (!waitUntil(deadline)) {
				return -1;
			}
		}
		long[] base = new long[this.l2HitsSeen.length];
		for (int instance : instances) {
			base[instance] = this.l2HitsSeen[instance];
		}
		while (true) {
			boolean all = true;
			for (int instance : instances) {
				all &= this.l2HitsSeen[instance] > base[instance];
			}
			if (all) {
				return this.ticks.get(this.ticks.size() - 1).nanos();
			}
			if (!waitUntil(deadline)) {
				return -1;
			}
		}
	}

	private boolean waitUntil(long deadline) throws InterruptedException {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			return false;
		}
		wait(Math.max(1, left / 1_000_000));
		return true;
	}

	/**
	 * Returns what every poll added, summed over the instances, in order.
	 * @return the ticks
	 */
	synchronized List<Tick> ticks() {
		return List.copyOf(this.ticks);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join(5000);
	}

	/**
	 * What one poll added to the gets of all instances.
	 *
	 * @param nanos when the poll ended (a {@link SoakClock} reading)
	 * @param added the gets added since the previous poll
	 */
	record Tick(long nanos, TierCounts added) {

	}

}
