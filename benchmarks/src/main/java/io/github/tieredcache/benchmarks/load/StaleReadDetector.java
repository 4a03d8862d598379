package io.github.tieredcache.benchmarks.load;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.tieredcache.benchmarks.load.SampleApi.Exploit;
import org.jspecify.annotations.Nullable;

/**
 * Detects stale reads from the client's side. A write counts from the moment its response
 * arrived (for a create, the {@code 201}), whichever instance answered it; any read that
 * <em>started</em> after that moment, on any instance, must see it:
 * <ul>
 * <li>a chain's list must contain every one of the chain's most recent creates
 * acknowledged before the read started;</li>
 * <li>an exploit, read by id or in a list, must have at least the version of the newest
 * update of it acknowledged before the read started (when the API returns versions).</li>
 * </ul>
 * The caller notes the time before sending a read ({@link #now()}) and checks the
 * response against it afterwards, so writes acknowledged while the read was in flight do
 * not count against it. A stale read is recorded with its <em>age</em>: how long before
 * the read started the first write it missed was acknowledged.
 *
 * <p>
 * Only the last {@value #RECENT_CREATES} acknowledged creates of a chain are looked for:
 * a list that shows the newest entries first and is cut to a fixed length (the sample
 * shows 20) can drop older ones legitimately. Creates are ordered by their
 * acknowledgement, not by id: several instances take ids from the database sequence in
 * blocks, so ids do not grow with time across instances.
 *
 * <p>
 * Thread-safe.
 */
public final class StaleReadDetector {

	/** How many of a chain's acknowledged creates a list must show, newest first. */
	static final int RECENT_CREATES = 5;

	private static final int RECENT_VERSIONS = 8;

	private static final int MAX_EXAMPLES = 10;

	private static final int MAX_RECORDED = 100_000;

	private final LongSupplier clock;

	private final Map<String, Deque<Ack>> creates = new ConcurrentHashMap<>();

	private final Map<Long, NavigableMap<Long, Ack>> versions = new ConcurrentHashMap<>();

	private final LongAdder listChecks = new LongAdder();

	private final LongAdder staleLists = new LongAdder();

	private final LongAdder versionChecks = new LongAdder();

	private final LongAdder staleVersions = new LongAdder();

	private final List<StaleRead> recorded = new ArrayList<>();

	/**
	 * Creates a detector on {@link System#nanoTime()}.
	 */
	public StaleReadDetector() {
		this(System::nanoTime);
	}

	/**
	 * Creates a detector on the given clock.
	 * @param clock a monotonic clock in nanoseconds
	 */
	public StaleReadDetector(LongSupplier clock) {
		this.clock = clock;
	}

	/**
	 * Returns the detector's clock, to note when a read starts.
	 * @return the time in nanoseconds
	 */
	public long now() {
		return this.clock.getAsLong();
	}

	/**
	 * Records a create acknowledged now.
	 * @param chain the chain
	 * @param id the created exploit's id
	 * @param instance the instance that answered, {@code -1} if unknown
	 */
	public void created(String chain, long id, int instance) {
		Deque<Ack> recent = this.creates.computeIfAbsent(chain, (key) -> new ArrayDeque<>());
		synchronized (recent) {
			recent.addLast(new Ack(id, now(), instance));
			if (recent.size() > RECENT_CREATES) {
				recent.removeFirst();
			}
		}
	}

	/**
	 * Records an update acknowledged now.
	 * @param id the exploit
	 * @param version the version the update produced
	 * @param instance the instance that answered, {@code -1} if unknown
	 */
	public void updated(long id, long version, int instance) {
		NavigableMap<Long, Ack> known = this.versions.computeIfAbsent(id, (key) -> new TreeMap<>());
		synchronized (known) {
			known.putIfAbsent(version, new Ack(version, now(), instance));
			while (known.size() > RECENT_VERSIONS) {
				known.pollFirstEntry();
			}
		}
	}

	/**
	 * Checks a chain's list, and the versions of the exploits in it, against the writes
	 * acknowledged before the read started.
	 * @param chain the chain
	 * @param readStart when the read started, from {@link #now()}
	 * @param exploits the list
	 * @param instance the instance that answered
	 * @return the stale read, or {@code null} if the list was fresh
	 */
	public @Nullable StaleRead checkList(String chain, long readStart, List<Exploit> exploits, int instance) {
		Set<Long> ids = new HashSet<>();
		for (Exploit exploit : exploits) {
			ids.add(exploit.id());
		}
		Ack firstMissed = null;
		boolean judged = false;
		Deque<Ack> recent = this.creates.get(chain);
		if (recent != null) {
			synchronized (recent) {
				for (Ack create : recent) {
					if (create.nanos() < readStart) {
						judged = true;
						if (!ids.contains(create.value()) && firstMissed == null) {
							firstMissed = create;
						}
					}
				}
			}
		}
		StaleRead stale = null;
		if (firstMissed != null) {
			stale = new StaleRead(StaleRead.Kind.LIST_WITHOUT_CREATE, chain, readStart, firstMissed.nanos(), instance,
					firstMissed.instance(), "list of " + chain + " on instance " + instance + " lacks id "
							+ firstMissed.value() + " acknowledged by instance " + firstMissed.instance());
		}
		for (Exploit exploit : exploits) {
			Ack missed = missedUpdate(exploit.id(), exploit.version(), readStart);
			if (missed != Ack.NONE) {
				judged = true;
			}
			if (missed != null && missed != Ack.NONE && stale == null) {
				stale = new StaleRead(StaleRead.Kind.LIST_WITH_OLD_VERSION, chain, readStart, missed.nanos(), instance,
						missed.instance(),
						"list of " + chain + " on instance " + instance + " shows exploit " + exploit.id()
								+ " at version " + exploit.version() + " after version " + missed.value()
								+ " was acknowledged by instance " + missed.instance());
			}
		}
		if (judged) {
			this.listChecks.increment();
		}
		if (stale != null) {
			this.staleLists.increment();
			record(stale);
		}
		return stale;
	}

	/**
	 * Checks an exploit read by id against the updates acknowledged before the read
	 * started.
	 * @param exploit the exploit read
	 * @param readStart when the read started, from {@link #now()}
	 * @param instance the instance that answered
	 * @return the stale read, or {@code null} if it was fresh or could not be judged
	 */
	public @Nullable StaleRead checkExploit(Exploit exploit, long readStart, int instance) {
		Ack missed = missedUpdate(exploit.id(), exploit.version(), readStart);
		if (missed == Ack.NONE) {
			return null;
		}
		this.versionChecks.increment();
		if (missed == null) {
			return null;
		}
		this.staleVersions.increment();
		StaleRead stale = new StaleRead(StaleRead.Kind.OLD_VERSION, "exploit " + exploit.id(), readStart,
				missed.nanos(), instance, missed.instance(),
				"exploit " + exploit.id() + " read on instance " + instance + " at version " + exploit.version()
						+ " after version " + missed.value() + " was acknowledged by instance " + missed.instance());
		record(stale);
		return stale;
	}

	/**
	 * Returns the first update of an exploit acknowledged before the read started that
	 * the version read does not include; {@code null} if it includes them all;
	 * {@link Ack#NONE} if there is nothing to judge by.
	 */
	private @Nullable Ack missedUpdate(long id, @Nullable Long version, long readStart) {
		NavigableMap<Long, Ack> known = this.versions.get(id);
		if (known == null || version == null) {
			return Ack.NONE;
		}
		synchronized (known) {
			boolean judged = false;
			for (Ack update : known.values()) {
				if (update.nanos() >= readStart) {
					continue;
				}
				judged = true;
				if (update.value() > version) {
					return update;
				}
			}
			return judged ? null : Ack.NONE;
		}
	}

	private void record(StaleRead stale) {
		synchronized (this.recorded) {
			if (this.recorded.size() < MAX_RECORDED) {
				this.recorded.add(stale);
			}
		}
	}

	/**
	 * Returns the stale reads found so far, in the order they were found (at most
	 * 100,000).
	 * @return the stale reads
	 */
	public List<StaleRead> staleReads() {
		synchronized (this.recorded) {
			return List.copyOf(this.recorded);
		}
	}

	/**
	 * Forgets the counts and stale reads so far (what was acknowledged is kept).
	 */
	public void resetCounts() {
		this.listChecks.reset();
		this.staleLists.reset();
		this.versionChecks.reset();
		this.staleVersions.reset();
		synchronized (this.recorded) {
			this.recorded.clear();
		}
	}

	/**
	 * Returns the counts so far.
	 * @return the counts
	 */
	public Counts counts() {
		List<String> examples = staleReads().stream().limit(MAX_EXAMPLES).map(StaleRead::describe).toList();
		return new Counts(this.listChecks.sum(), this.staleLists.sum(), this.versionChecks.sum(),
				this.staleVersions.sum(), examples);
	}

	/**
	 * An acknowledged write: the id created or the version written, when its response
	 * arrived, and from which instance.
	 */
	private record Ack(long value, long nanos, int instance) {

		static final Ack NONE = new Ack(-1, Long.MIN_VALUE, -1);

	}

	/**
	 * A read that missed a write acknowledged before it started.
	 *
	 * @param kind what was missed
	 * @param subject the chain or exploit read
	 * @param readStartNanos when the read started
	 * @param missedAckNanos when the first write it missed was acknowledged
	 * @param readInstance the instance that answered the read
	 * @param writeInstance the instance that acknowledged the write, {@code -1} if
	 * unknown
	 * @param description what happened, in words
	 */
	public record StaleRead(Kind kind, String subject, long readStartNanos, long missedAckNanos, int readInstance,
			int writeInstance, String description) {

		/**
		 * Returns how long before the read started the first write it missed was
		 * acknowledged.
		 * @return the age
		 */
		public Duration age() {
			return Duration.ofNanos(this.readStartNanos - this.missedAckNanos);
		}

		/**
		 * Describes the stale read with its age.
		 * @return the description
		 */
		public String describe() {
			return this.description + " " + String.format(java.util.Locale.ROOT, "%.1f ms", age().toNanos() / 1e6)
					+ " earlier";
		}

		/**
		 * What a stale read missed.
		 */
		public enum Kind {

			/** A chain's list without an acknowledged create of that chain. */
			LIST_WITHOUT_CREATE,

			/** A chain's list showing an exploit older than an acknowledged update. */
			LIST_WITH_OLD_VERSION,

			/** An exploit read by id older than an acknowledged update. */
			OLD_VERSION,

			/** A view counter behind an acknowledged count. */
			VIEW_COUNT

		}

	}

	/**
	 * Stale-read counts.
	 *
	 * @param listChecks list reads that had an acknowledged write to look for
	 * @param staleLists those that missed one
	 * @param versionChecks reads by id that had an acknowledged update to look for
	 * @param staleVersions those that returned an older version
	 * @param examples the first few stale reads, described
	 */
	public record Counts(long listChecks, long staleLists, long versionChecks, long staleVersions,
			List<String> examples) {

		/**
		 * Returns all stale reads.
		 * @return the number of stale reads
		 */
		public long stale() {
			return this.staleLists + this.staleVersions;
		}

	}

}
