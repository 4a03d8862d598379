package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.tieredcache.benchmarks.load.StaleReadDetector.StaleRead;
import io.github.tieredcache.benchmarks.load.TierCounts;
import io.github.tieredcache.benchmarks.soak.TierPoller.Tick;
import io.github.tieredcache.benchmarks.soak.ViewLedger.LastCount;
import io.github.tieredcache.benchmarks.soak.ViewLedger.Regression;
import org.jspecify.annotations.Nullable;

/**
 * Places what the clients saw against the faults: which errors and stale reads fall
 * inside a fault's window, which stale reads stay within the documented bounds, which
 * view counts Redis lost, and the hit ratio during and between faults.
 * <p>
 * The bounds, from docs/invalidation.md: outside faults, a peer may serve its old copy
 * only until the invalidation bus delivers the message
 * ({@link SoakOptions#staleBound()}); after a loss the bus did not detect, until the
 * entry's {@code l1.ttl} runs out. So a stale read is <em>within the bound</em> if it is
 * at most the bus bound old, or if the write it missed was acknowledged during a fault
 * (from the bus bound before the fault until the bus would have noticed a lost message,
 * {@link #LOSS_DETECTION} after it recovered) and the read started at most {@code l1.ttl}
 * after the fault recovered. Anything else is <em>outside the bound</em>.
 * <p>
 * Stateless.
 */
final class SoakAnalysis {

	/** How long after a fault's recovery an error still counts as caused by it. */
	static final Duration ERROR_GRACE = Duration.ofSeconds(2);

	/**
	 * How long after a view was acknowledged its count may still wait in Redis for the
	 * database (the sample's {@code write-behind.delay} of 5 s, plus a retry).
	 */
	static final Duration WRITE_BEHIND_WINDOW = Duration.ofSeconds(15);

	/**
	 * The longest a peer takes to notice an invalidation it missed: a failed publish
	 * shows as a gap in the next message, a peer that sends nothing as silence after
	 * {@code tiered-cache.sync.heartbeat-interval} × {@code missed-heartbeats} (2 s × 3
	 * by default). Writes acknowledged that long after a fault recovered may still have
	 * been published into it.
	 */
	static final Duration LOSS_DETECTION = Duration.ofSeconds(6);

	private static final int EXAMPLES = 10;

	private static final Duration BUCKET = Duration.ofSeconds(5);

	private SoakAnalysis() {
	}

	static SoakFindings analyze(SoakOptions options, long measureStart, long measureEnd, SoakLoad.Counts load,
			List<StaleRead> staleReads, List<Regression> regressions, Map<Long, LastCount> lastCounts,
			Map<Long, Long> databaseCounts, long acknowledgedViews, long viewJumps, List<FaultRecord> faults,
			List<Tick> ticks) {
		// a fault that did not recover disturbs everything after it
		List<Window> windows = faults.stream()
			.map((fault) -> new Window(fault, fault.startNanos(),
					fault.recovered() ? fault.recoveredNanos() : Math.max(fault.endNanos(), measureEnd)))
			.toList();
		Errors errors = errors(load.errorList(), windows, measureStart);
		List<StaleRead> allStale = new ArrayList<>(staleReads);
		WriteBehind writeBehind = writeBehind(regressions, lastCounts, databaseCounts, acknowledgedViews, viewJumps,
				windows, allStale, measureStart);
		Staleness staleness = staleness(options, allStale, windows, measureStart);
		HitRatios hitRatios = hitRatios(ticks, windows, measureStart, measureEnd);
		return new SoakFindings(Duration.ofNanos(measureEnd - measureStart), load, faults, errors, staleness,
				writeBehind, hitRatios);
	}

	private static Errors errors(List<SoakLoad.CallerError> errors, List<Window> faults, long measureStart) {
		long inside = 0;
		Map<String, Long> byKind = new TreeMap<>();
		List<String> outsideExamples = new ArrayList<>();
		for (SoakLoad.CallerError error : errors) {
			byKind.merge(error.kind(), 1L, Long::sum);
			if (during(faults, error.nanos(), ERROR_GRACE) != null) {
				inside++;
			}
			else if (outsideExamples.size() < EXAMPLES) {
				outsideExamples.add(SoakClock.format(error.nanos() - measureStart) + " instance " + error.instance()
						+ ": " + error.kind() + ": " + error.message());
			}
		}
		return new Errors(inside, errors.size() - inside, byKind, outsideExamples);
	}

	private static WriteBehind writeBehind(List<Regression> regressions, Map<Long, LastCount> lastCounts,
			Map<Long, Long> databaseCounts, long acknowledgedViews, long viewJumps, List<Window> faults,
			List<StaleRead> staleReads, long measureStart) {
		long lostToRedis = 0;
		long lostToStaleReads = 0;
		for (Regression regression : regressions) {
			if (dataLossBetween(faults, regression.firstMissedAck(), regression.readStart())) {
				lostToRedis += regression.lost();
			}
			else {
				lostToStaleReads += regression.lost();
				staleReads
					.add(new StaleRead(StaleRead.Kind.VIEW_COUNT, "views of " + regression.id(), regression.readStart(),
							regression.firstMissedAck(), regression.instance(), regression.writeInstance(),
							"views of exploit " + regression.id() + " on instance " + regression.instance()
									+ " counted " + regression.returned() + " after " + regression.previous()
									+ " was acknowledged"));
			}
		}
		long database = 0;
		long shortfallToRedis = 0;
		long overtaken = 0;
		long unexplained = 0;
		long ahead = 0;
		List<String> unexplainedExamples = new ArrayList<>();
		for (Map.Entry<Long, LastCount> entry : lastCounts.entrySet()) {
			long stored = databaseCounts.getOrDefault(entry.getKey(), 0L);
			database += stored;
			long shortfall = entry.getValue().count() - stored;
			if (shortfall < 0) {
				ahead++;
			}
			else if (shortfall > 0) {
				long acked = entry.getValue().nanos();
				if (dataLossBetween(faults, acked, acked + WRITE_BEHIND_WINDOW.toNanos())) {
					shortfallToRedis += shortfall;
				}
				else if (overtaken(entry.getValue(), stored, faults)) {
					overtaken += shortfall;
				}
				else {
					unexplained += shortfall;
					if (unexplainedExamples.size() < EXAMPLES) {
						unexplainedExamples.add("exploit " + entry.getKey() + ": " + entry.getValue().count()
								+ " views acknowledged (the last at " + SoakClock.format(acked - measureStart)
								+ "), the database holds " + stored + "; acknowledged: "
								+ entry.getValue()
									.history()
									.stream()
									.map((ack) -> ack.count() + " at " + SoakClock.format(ack.nanos() - measureStart)
											+ " by " + ack.instance())
									.collect(java.util.stream.Collectors.joining(", ")));
					}
				}
			}
		}
		return new WriteBehind(acknowledgedViews, lastCounts.size(), database, lostToRedis + shortfallToRedis,
				lostToStaleReads, overtaken, unexplained, ahead, viewJumps, unexplainedExamples);
	}

	/**
	 * Returns whether the database holds a count acknowledged earlier than a later one
	 * that an instance acknowledged while a fault cut it off Redis: that write ran
	 * synchronously, and the earlier count, still queued, overtook it once Redis was back
	 * (documented in docs/strategies.md, "While Redis is down").
	 */
	private static boolean overtaken(LastCount last, long stored, List<Window> faults) {
		boolean storedWasAcknowledged = last.history().stream().anyMatch((ack) -> ack.count() == stored);
		if (!storedWasAcknowledged) {
			return false;
		}
		for (ViewLedger.Acknowledged ack : last.history()) {
			if (ack.count() > stored) {
				for (Window window : faults) {
					if (window.fault().affected().contains(ack.instance()) && ack.nanos() >= window.from()
							&& ack.nanos() <= window.to()) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static Staleness staleness(SoakOptions options, List<StaleRead> staleReads, List<Window> faults,
			long measureStart) {
		long withinBus = 0;
		long withinFault = 0;
		long outside = 0;
		long sameInstance = 0;
		long betweenFaults = 0;
		Duration maxBetweenFaults = Duration.ZERO;
		Duration maxBus = Duration.ZERO;
		Duration maxFault = Duration.ZERO;
		Duration maxOutside = Duration.ZERO;
		long[] ages = new long[AGE_BUCKETS.size() + 1];
		List<String> outsideExamples = new ArrayList<>();
		List<Judged> judged = new ArrayList<>();
		for (StaleRead stale : staleReads) {
			Duration age = stale.age();
			ages[bucket(age)]++;
			if (stale.readInstance() == stale.writeInstance()) {
				sameInstance++;
			}
			if (during(faults, stale.readStartNanos(), LOSS_DETECTION) == null) {
				betweenFaults++;
				maxBetweenFaults = max(maxBetweenFaults, age);
			}
			FaultRecord fault = null;
			if (age.compareTo(options.staleBound()) <= 0) {
				withinBus++;
				maxBus = max(maxBus, age);
			}
			else if ((fault = explainingFault(options, stale, faults)) != null) {
				withinFault++;
				maxFault = max(maxFault, age);
			}
			else {
				outside++;
				maxOutside = max(maxOutside, age);
				if (outsideExamples.size() < EXAMPLES) {
					outsideExamples
						.add(SoakClock.format(stale.readStartNanos() - measureStart) + ": " + stale.describe());
				}
			}
			judged.add(new Judged(stale, age.compareTo(options.staleBound()) <= 0, fault));
		}
		List<Long> ageCounts = new ArrayList<>();
		for (long count : ages) {
			ageCounts.add(count);
		}
		return new Staleness(staleReads.size(), withinBus, withinFault, outside, sameInstance, betweenFaults,
				maxBetweenFaults, maxBus, maxFault, maxOutside, ageCounts, outsideExamples, judged);
	}

	/** Upper ends of the age buckets; the last bucket holds everything older. */
	static final List<Duration> AGE_BUCKETS = List.of(Duration.ofMillis(10), Duration.ofMillis(100),
			Duration.ofSeconds(1), Duration.ofSeconds(10));

	private static int bucket(Duration age) {
		for (int i = 0; i < AGE_BUCKETS.size(); i++) {
			if (age.compareTo(AGE_BUCKETS.get(i)) <= 0) {
				return i;
			}
		}
		return AGE_BUCKETS.size();
	}

	/**
	 * Returns the fault that explains a stale read: the write it missed was acknowledged
	 * during the fault (from the bus bound before it until it recovered; for a view
	 * count, from {@link #WRITE_BEHIND_WINDOW} before it, as counts queued before an
	 * outage wait for Redis), and the read started at most {@code l1.ttl} after it
	 * recovered.
	 */
	private static @Nullable FaultRecord explainingFault(SoakOptions options, StaleRead stale, List<Window> faults) {
		Duration before = (stale.kind() == StaleRead.Kind.VIEW_COUNT) ? WRITE_BEHIND_WINDOW : options.staleBound();
		for (Window window : faults) {
			boolean writeDuringFault = stale.missedAckNanos() >= window.from() - before.toNanos()
					&& stale.missedAckNanos() <= window.to() + LOSS_DETECTION.toNanos();
			if (writeDuringFault && stale.readStartNanos() <= window.to() + options.l1Ttl().toNanos()) {
				return window.fault();
			}
		}
		return null;
	}

	private static HitRatios hitRatios(List<Tick> ticks, List<Window> faults, long start, long end) {
		TierCounts overall = TierCounts.NONE;
		TierCounts during = TierCounts.NONE;
		TierCounts between = TierCounts.NONE;
		List<Point> series = new ArrayList<>();
		TierCounts bucket = TierCounts.NONE;
		long bucketStart = start;
		for (Tick tick : ticks) {
			if (tick.nanos() <= start || tick.nanos() > end) {
				continue;
			}
			overall = overall.plus(tick.added());
			if (during(faults, tick.nanos(), Duration.ZERO) != null) {
				during = during.plus(tick.added());
			}
			else {
				between = between.plus(tick.added());
			}
			bucket = bucket.plus(tick.added());
			if (tick.nanos() - bucketStart >= BUCKET.toNanos()) {
				series.add(new Point((bucketStart - start) / 1e9, (tick.nanos() - start) / 1e9, bucket.hitRatio(),
						bucket.l1HitRatio(), bucket.l2HitRatio()));
				bucket = TierCounts.NONE;
				bucketStart = tick.nanos();
			}
		}
		return new HitRatios(overall, during, between, series);
	}

	private static @Nullable FaultRecord during(List<Window> faults, long nanos, Duration grace) {
		for (Window window : faults) {
			if (nanos >= window.from() && nanos <= window.to() + grace.toNanos()) {
				return window.fault();
			}
		}
		return null;
	}

	private static boolean dataLossBetween(List<Window> faults, long from, long to) {
		for (Window window : faults) {
			if (window.fault().losesRedisData() && window.fault().endNanos() >= from && window.from() <= to) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The time a fault disturbs: from its injection until it recovered, or until
	 * measuring ended if it did not.
	 */
	private record Window(FaultRecord fault, long from, long to) {

	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * Everything the soak found.
	 *
	 * @param measured the measured time
	 * @param load what the clients counted
	 * @param faults the faults, in order
	 * @param errors the caller errors
	 * @param staleness the stale reads
	 * @param writeBehind the view counts written behind the cache
	 * @param hitRatios the hit ratios
	 */
	record SoakFindings(Duration measured, SoakLoad.Counts load, List<FaultRecord> faults, Errors errors,
			Staleness staleness, WriteBehind writeBehind, HitRatios hitRatios) {

		long unrecoveredFaults() {
			return this.faults.stream().filter((fault) -> !fault.recovered() || fault.error() != null).count();
		}

		@Nullable Duration worstRecovery() {
			return this.faults.stream()
				.map(FaultRecord::recovery)
				.filter((recovery) -> recovery != null)
				.max(Duration::compareTo)
				.orElse(null);
		}

	}

	/**
	 * Caller errors: failed requests.
	 *
	 * @param insideFaults those sent during a fault or its recovery (or 2 s after it)
	 * @param outsideFaults the others
	 * @param byKind all of them by kind
	 * @param outsideExamples the first few outside faults
	 */
	record Errors(long insideFaults, long outsideFaults, Map<String, Long> byKind, List<String> outsideExamples) {

	}

	/**
	 * Stale reads against the bounds.
	 *
	 * @param total all stale reads, view counts that went back without a Redis data loss
	 * included
	 * @param withinBusBound those at most the bus bound old
	 * @param withinFaultBound older ones explained by a fault and within {@code l1.ttl}
	 * of its recovery
	 * @param outsideBound the rest
	 * @param sameInstance those answered by the instance that acknowledged the write
	 * @param betweenFaults those that started outside every fault, its recovery and the
	 * {@link #LOSS_DETECTION} after it
	 * @param maxBetweenFaults the oldest of those
	 * @param maxWithinBus the oldest within the bus bound
	 * @param maxWithinFault the oldest within a fault's bound
	 * @param maxOutside the oldest outside the bound
	 * @param ageCounts how many fell in each age bucket ({@link #AGE_BUCKETS}, then
	 * older)
	 * @param outsideExamples the first few outside the bound
	 * @param all every stale read, judged, in the order found
	 */
	record Staleness(long total, long withinBusBound, long withinFaultBound, long outsideBound, long sameInstance,
			long betweenFaults, Duration maxBetweenFaults, Duration maxWithinBus, Duration maxWithinFault,
			Duration maxOutside, List<Long> ageCounts, List<String> outsideExamples, List<Judged> all) {

	}

	/**
	 * A stale read and the bound it falls within.
	 *
	 * @param read the stale read
	 * @param withinBusBound whether it is at most the bus bound old
	 * @param fault otherwise, the fault whose bound it is within, or {@code null} if none
	 */
	record Judged(StaleRead read, boolean withinBusBound, @Nullable FaultRecord fault) {

	}

	/**
	 * View counts written behind the cache.
	 *
	 * @param acknowledged views acknowledged to the clients
	 * @param exploits exploits viewed
	 * @param database the views the database holds for them at the end
	 * @param lostToRedisData views lost with data Redis lost (a restart without
	 * persistence, a failover, eviction of any key): documented, "durability is Redis's"
	 * @param lostToStaleReads views lost because an instance counted on from an older
	 * count it read (a stale read, counted there too)
	 * @param overtaken views lost because a count written synchronously while its
	 * instance could not reach Redis was overtaken by an older count still queued: a
	 * documented limit
	 * @param unexplainedLost acknowledged counts the database does not hold without a
	 * Redis data loss to explain it: writes the write-behind lost
	 * @param databaseAhead exploits whose database count is above the last acknowledged
	 * @param jumps counts that advanced by more than one
	 * @param unexplainedExamples the first few unexplained losses
	 */
	record WriteBehind(long acknowledged, long exploits, long database, long lostToRedisData, long lostToStaleReads,
			long overtaken, long unexplainedLost, long databaseAhead, long jumps, List<String> unexplainedExamples) {

	}

	/**
	 * Hit ratios over the measured time.
	 *
	 * @param overall gets over the whole time
	 * @param duringFaults gets during faults and their recovery
	 * @param betweenFaults the other gets
	 * @param series the hit ratio per 5 s
	 */
	record HitRatios(TierCounts overall, TierCounts duringFaults, TierCounts betweenFaults, List<Point> series) {

	}

	/**
	 * The hit ratios of one interval.
	 *
	 * @param fromSeconds its start, in seconds since measuring started
	 * @param toSeconds its end
	 * @param hitRatio hits in either tier over all gets
	 * @param l1HitRatio L1's hit ratio
	 * @param l2HitRatio L2's hit ratio over L1's misses
	 */
	record Point(double fromSeconds, double toSeconds, double hitRatio, double l1HitRatio, double l2HitRatio) {

	}

}
