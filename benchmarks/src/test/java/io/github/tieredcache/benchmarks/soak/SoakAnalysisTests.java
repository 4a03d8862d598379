package io.github.tieredcache.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.tieredcache.benchmarks.load.StaleReadDetector.StaleRead;
import io.github.tieredcache.benchmarks.load.TierCounts;
import io.github.tieredcache.benchmarks.soak.SoakAnalysis.SoakFindings;
import io.github.tieredcache.benchmarks.soak.TierPoller.Tick;
import io.github.tieredcache.benchmarks.soak.ViewLedger.Acknowledged;
import io.github.tieredcache.benchmarks.soak.ViewLedger.LastCount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoakAnalysisTests {

	private static final SoakOptions OPTIONS = SoakOptions.parse("--stale-bound=250ms", "--l1-ttl=60s");

	/** Injected at 100 s, healed at 110 s, L2 hits again at 112 s. */
	private static final FaultRecord KILL = new FaultRecord(FaultKind.REDIS_KILL, "killed", null, Set.of(0, 1, 2),
			s(100), s(110), s(112), true, null);

	/** Injected at 200 s, over at 205 s, L2 hits again at 206 s; instance 0 only. */
	private static final FaultRecord CUT = new FaultRecord(FaultKind.PROXY_CUT, "cut", null, Set.of(0), s(200), s(205),
			s(206), false, null);

	private final List<StaleRead> stale = new ArrayList<>();

	private final List<SoakLoad.CallerError> errors = new ArrayList<>();

	@Test
	void aStaleReadNoOlderThanTheBusBoundIsWithinTheBound() {
		this.stale.add(stale(s(50.1), s(50)));
		this.stale.add(stale(s(105.1), s(105)));
		SoakFindings findings = analyze(List.of(KILL));
		assertThat(findings.staleness().withinBusBound()).isEqualTo(2);
		assertThat(findings.staleness().betweenFaults()).isOne();
		assertThat(findings.staleness().outsideBound()).isZero();
	}

	@Test
	void anOlderStaleReadIsWithinTheBoundWhenItsWriteWasAcknowledgedDuringAFaultAndItStartedWithinL1TtlOfTheRecovery() {
		// write during the fault, read 30 s after the recovery
		this.stale.add(stale(s(142), s(105)));
		// write while the bus may still not have noticed a lost message after the
		// recovery
		this.stale.add(stale(s(118.5), s(116)));
		// write during the fault, but read more than l1.ttl after the recovery
		this.stale.add(stale(s(180), s(105)));
		// write long before any fault
		this.stale.add(stale(s(52), s(50)));
		SoakFindings findings = analyze(List.of(KILL));
		assertThat(findings.staleness().withinFaultBound()).isEqualTo(2);
		assertThat(findings.staleness().outsideBound()).isEqualTo(2);
		assertThat(findings.staleness().outsideExamples()).hasSize(2);
		assertThat(findings.staleness().all()).extracting(SoakAnalysis.Judged::fault)
			.containsExactly(KILL, KILL, null, null);
		// none of them started during the fault, its recovery or the 6 s after it
		assertThat(findings.staleness().betweenFaults()).isEqualTo(4);
	}

	@Test
	void aFaultThatNeverRecoveredDisturbsUntilMeasuringEnds() {
		FaultRecord stuck = new FaultRecord(FaultKind.PROXY_CUT, "cut", null, Set.of(0), s(200), s(205), -1, false,
				null);
		this.stale.add(stale(s(280), s(270)));
		this.errors.add(new SoakLoad.CallerError(s(290), 0, "timeout", "slow"));
		SoakFindings findings = analyze(List.of(stuck));
		assertThat(findings.staleness().withinFaultBound()).isOne();
		assertThat(findings.errors().insideFaults()).isOne();
		assertThat(findings.unrecoveredFaults()).isOne();
		assertThat(findings.worstRecovery()).isNull();
	}

	@Test
	void callerErrorsAreCountedInsideOrOutsideFaults() {
		this.errors.add(new SoakLoad.CallerError(s(101), 1, "HTTP 500", "boom"));
		this.errors.add(new SoakLoad.CallerError(s(113), 1, "timeout", "slow"));
		this.errors.add(new SoakLoad.CallerError(s(150), 2, "HTTP 500", "boom"));
		SoakFindings findings = analyze(List.of(KILL));
		assertThat(findings.errors().insideFaults()).isEqualTo(2);
		assertThat(findings.errors().outsideFaults()).isOne();
		assertThat(findings.errors().byKind()).containsEntry("HTTP 500", 2L).containsEntry("timeout", 1L);
		assertThat(findings.errors().outsideExamples()).singleElement().asString().contains("instance 2");
	}

	@Test
	void viewCountsAreLostWithRedisDataOvertakenOrOtherwise() {
		Map<Long, LastCount> last = Map.of(
				// last count acknowledged just before Redis was killed: lost with its
				// data
				1L, new LastCount(4, s(99), List.of(new Acknowledged(4, s(99), 1))),
				// count 3 written synchronously by the cut-off instance, overtaken by 2
				2L, new LastCount(3, s(202), List.of(new Acknowledged(2, s(150), 1), new Acknowledged(3, s(202), 0))),
				// nothing explains it
				3L, new LastCount(5, s(150), List.of(new Acknowledged(4, s(140), 1), new Acknowledged(5, s(150), 2))),
				// all there
				4L, new LastCount(2, s(150), List.of(new Acknowledged(2, s(150), 2))));
		Map<Long, Long> database = Map.of(1L, 2L, 2L, 2L, 3L, 4L, 4L, 2L);
		SoakFindings findings = SoakAnalysis.analyze(OPTIONS, 0, s(300), load(), this.stale, List.of(), last, database,
				14, 0, List.of(KILL, CUT), List.of());
		assertThat(findings.writeBehind().lostToRedisData()).isEqualTo(2);
		assertThat(findings.writeBehind().overtaken()).isOne();
		assertThat(findings.writeBehind().unexplainedLost()).isOne();
		assertThat(findings.writeBehind().database()).isEqualTo(10);
		assertThat(findings.writeBehind().unexplainedExamples()).singleElement()
			.asString()
			.startsWith("exploit 3: 5 views acknowledged");
	}

	@Test
	void aViewCountThatWentBackWithoutRedisLosingDataIsAStaleRead() {
		List<ViewLedger.Regression> regressions = List.of(new ViewLedger.Regression(9, s(50.1), s(50), 3, 3, 1, 0),
				new ViewLedger.Regression(9, s(101), s(99), 5, 5, 1, 0));
		SoakFindings findings = SoakAnalysis.analyze(OPTIONS, 0, s(300), load(), this.stale, regressions, Map.of(),
				Map.of(), 0, 0, List.of(KILL), List.of());
		assertThat(findings.writeBehind().lostToStaleReads()).isOne();
		assertThat(findings.writeBehind().lostToRedisData()).isOne();
		assertThat(findings.staleness().total()).isOne();
		assertThat(findings.staleness().withinBusBound()).isOne();
	}

	@Test
	void hitRatiosAreSplitBetweenFaultsAndTheRest() {
		List<Tick> ticks = List.of(new Tick(s(50), new TierCounts(90, 10, 5, 5)),
				new Tick(s(105), new TierCounts(50, 50, 0, 50)), new Tick(s(150), new TierCounts(80, 20, 10, 10)));
		SoakFindings findings = SoakAnalysis.analyze(OPTIONS, 0, s(300), load(), this.stale, List.of(), Map.of(),
				Map.of(), 0, 0, List.of(KILL), ticks);
		assertThat(findings.hitRatios().duringFaults().hitRatio()).isEqualTo(0.5);
		assertThat(findings.hitRatios().betweenFaults().hitRatio()).isEqualTo((90 + 5 + 80 + 10) / 200.0);
		assertThat(findings.hitRatios().series()).isNotEmpty();
	}

	private SoakFindings analyze(List<FaultRecord> faults) {
		return SoakAnalysis.analyze(OPTIONS, 0, s(300), load(), this.stale, List.of(), Map.of(), Map.of(), 0, 0, faults,
				List.of());
	}

	private SoakLoad.Counts load() {
		return new SoakLoad.Counts(100, 10, 5, 0, this.errors.size(), this.errors, 1000, 30000, 90000);
	}

	private static StaleRead stale(long readStart, long missedAck) {
		return new StaleRead(StaleRead.Kind.LIST_WITHOUT_CREATE, "bsc", readStart, missedAck, 1, 0, "list of bsc");
	}

	private static long s(double seconds) {
		return (long) (seconds * 1e9);
	}

}
