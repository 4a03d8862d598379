package io.github.tieredcache.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What the soak was told about view counters ({@code POST /exploits/{id}/views}, written
 * behind the cache). Each exploit's views are counted by one client thread, one at a
 * time, so every acknowledged count must be the previous one plus one: a count that does
 * not advance means the instance read an older count than one already acknowledged (a
 * stale read, or Redis lost the queued count), and the database must end up with the last
 * count acknowledged.
 * <p>
 * Thread-safe.
 */
final class ViewLedger {

	private static final int ACKS_KEPT = 64;

	private final Map<Long, Counter> counters = new ConcurrentHashMap<>();

	private final List<Regression> regressions = new ArrayList<>();

	private final LongAdder jumps = new LongAdder();

	/**
	 * Records an acknowledged view.
	 * @param id the exploit
	 * @param readStart when the request was sent
	 * @param ackNanos when its answer arrived
	 * @param count the count the instance answered
	 * @param instance the instance
	 * @return the regression, if the count did not advance
	 */
	@Nullable Regression viewed(long id, long readStart, long ackNanos, long count, int instance) {
		Counter counter = this.counters.computeIfAbsent(id, (key) -> new Counter());
		Regression regression = null;
		synchronized (counter) {
			counter.increments++;
			if (counter.last > 0 && count <= counter.last) {
				Map.Entry<Long, Ack> firstMissed = counter.acks.ceilingEntry(count);
				Ack missed = (firstMissed != null) ? firstMissed.getValue() : counter.acks.lastEntry().getValue();
				regression = new Regression(id, readStart, missed.nanos(), counter.last, count, instance,
						missed.instance());
			}
			else if (counter.last > 0 && count > counter.last + 1) {
				this.jumps.increment();
			}
			counter.last = count;
			counter.acks.tailMap(count, true).clear();
			counter.acks.put(count, new Ack(ackNanos, instance));
			while (counter.acks.size() > ACKS_KEPT) {
				counter.acks.pollFirstEntry();
			}
		}
		if (regression != null) {
			synchronized (this.regressions) {
				this.regressions.add(regression);
			}
		}
		return regression;
	}

	/**
	 * Returns, per exploit, the last count acknowledged and when.
	 * @return the last acknowledgements by exploit id
	 */
	Map<Long, LastCount> lastCounts() {
		Map<Long, LastCount> last = new TreeMap<>();
		this.counters.forEach((id, counter) -> {
			synchronized (counter) {
				List<Acknowledged> acks = new ArrayList<>();
				counter.acks.forEach((count, ack) -> acks.add(new Acknowledged(count, ack.nanos(), ack.instance())));
				last.put(id, new LastCount(counter.last, counter.acks.lastEntry().getValue().nanos(), acks));
			}
		});
		return last;
	}

	/**
	 * Returns the acknowledged views, all exploits together.
	 * @return the number of views acknowledged
	 */
	long acknowledged() {
		long sum = 0;
		for (Counter counter : this.counters.values()) {
			synchronized (counter) {
				sum += counter.increments;
			}
		}
		return sum;
	}

	/**
	 * Returns the counts that did not advance, in the order they arrived.
	 * @return the regressions
	 */
	List<Regression> regressions() {
		synchronized (this.regressions) {
			return List.copyOf(this.regressions);
		}
	}

	/**
	 * Returns how many counts advanced by more than one (another writer of the same
	 * exploit, which the soak never has).
	 * @return the number
	 */
	long jumps() {
		return this.jumps.sum();
	}

	private static final class Counter {

		private long increments;

		private long last;

		/** When each recent count was acknowledged, by count. */
		private final NavigableMap<Long, Ack> acks = new TreeMap<>();

	}

	private record Ack(long nanos, int instance) {

	}

	/**
	 * The last count acknowledged for an exploit.
	 *
	 * @param count the count
	 * @param nanos when it was acknowledged
	 * @param history the recent counts acknowledged, oldest first
	 */
	record LastCount(long count, long nanos, List<Acknowledged> history) {

	}

	/**
	 * One count acknowledged.
	 *
	 * @param count the count
	 * @param nanos when
	 * @param instance by which instance
	 */
	record Acknowledged(long count, long nanos, int instance) {

	}

	/**
	 * A view count that did not advance past the last one acknowledged.
	 *
	 * @param id the exploit
	 * @param readStart when the view was sent
	 * @param firstMissedAck when the first count it did not see was acknowledged
	 * @param previous the last count acknowledged before
	 * @param returned the count answered
	 * @param instance the instance that answered
	 * @param writeInstance the instance that acknowledged the first missed count
	 */
	record Regression(long id, long readStart, long firstMissedAck, long previous, long returned, int instance,
			int writeInstance) {

		/**
		 * Returns the views lost: acknowledged before, and not counted in the count
		 * answered.
		 * @return the number of views
		 */
		long lost() {
			return this.previous - (this.returned - 1);
		}

	}

}
