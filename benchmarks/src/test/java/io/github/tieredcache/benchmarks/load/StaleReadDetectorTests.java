package io.github.tieredcache.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.tieredcache.benchmarks.load.SampleApi.Exploit;
import io.github.tieredcache.benchmarks.load.StaleReadDetector.StaleRead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaleReadDetectorTests {

	private final AtomicLong clock = new AtomicLong(1_000_000_000);

	private final StaleReadDetector detector = new StaleReadDetector(this.clock::get);

	@Test
	void aReadBeforeAnyAcknowledgedWriteIsNotJudged() {
		long start = this.detector.now();
		assertThat(this.detector.checkList("ethereum", start, List.of(), 0)).isNull();
		assertThat(this.detector.checkExploit(exploit(3, 1), start, 0)).isNull();
		assertThat(this.detector.counts().listChecks()).isZero();
		assertThat(this.detector.counts().versionChecks()).isZero();
	}

	@Test
	void aListThatHoldsTheAcknowledgedIdIsFresh() {
		this.detector.created("ethereum", 7, 0);
		long start = later(1);
		assertThat(this.detector.checkList("ethereum", start, exploits(7, 5, 3), 1)).isNull();
		assertThat(this.detector.counts().listChecks()).isOne();
		assertThat(this.detector.counts().stale()).isZero();
	}

	@Test
	void aListStartedAfterTheAcknowledgementWithoutTheIdIsStaleByTheTimeSinceIt() {
		this.detector.created("ethereum", 7, 0);
		long start = later(40);
		StaleRead stale = this.detector.checkList("ethereum", start, exploits(5, 3), 2);
		assertThat(stale).isNotNull();
		assertThat(stale.kind()).isEqualTo(StaleRead.Kind.LIST_WITHOUT_CREATE);
		assertThat(stale.age()).isEqualTo(Duration.ofMillis(40));
		assertThat(stale.readInstance()).isEqualTo(2);
		assertThat(stale.writeInstance()).isZero();
		StaleReadDetector.Counts counts = this.detector.counts();
		assertThat(counts.staleLists()).isOne();
		assertThat(counts.stale()).isOne();
		assertThat(counts.examples()).singleElement().asString().contains("ethereum").contains("7").contains("40.0 ms");
		assertThat(this.detector.staleReads()).containsExactly(stale);
	}

	@Test
	void aReadThatStartedBeforeTheAcknowledgementIsNotJudgedByIt() {
		this.detector.created("ethereum", 7, 0);
		long start = later(1);
		// a create acknowledged while the read is in flight
		later(1);
		this.detector.created("ethereum", 9, 1);
		assertThat(this.detector.checkList("ethereum", start, exploits(7, 5), 0)).isNull();
		assertThat(this.detector.checkList("ethereum", later(1), exploits(7, 5), 0)).isNotNull();
	}

	@Test
	void createsAreOrderedByAcknowledgementNotById() {
		// instances take ids from the sequence in blocks: a newer create may have a lower
		// id
		this.detector.created("bsc", 120, 1);
		later(10);
		this.detector.created("bsc", 10, 0);
		StaleRead stale = this.detector.checkList("bsc", later(5), exploits(120, 3), 2);
		assertThat(stale).isNotNull();
		assertThat(stale.description()).contains("lacks id 10");
		assertThat(stale.age()).isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void theAgeCountsFromTheFirstMissedCreate() {
		this.detector.created("bsc", 1, 0);
		later(10);
		this.detector.created("bsc", 2, 0);
		later(10);
		this.detector.created("bsc", 3, 0);
		StaleRead stale = this.detector.checkList("bsc", later(10), exploits(1), 1);
		assertThat(stale.age()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void onlyTheMostRecentCreatesOfAChainMustBeInItsList() {
		for (long id = 1; id <= StaleReadDetector.RECENT_CREATES + 3; id++) {
			this.detector.created("bsc", id, 0);
			later(1);
		}
		List<Exploit> newest = List.of(exploit(8, 0), exploit(7, 0), exploit(6, 0), exploit(5, 0), exploit(4, 0));
		assertThat(this.detector.checkList("bsc", later(1), newest, 0)).isNull();
	}

	@Test
	void aReadByIdOlderThanAnAcknowledgedUpdateIsStale() {
		this.detector.updated(3, 2, 0);
		long start = later(25);
		assertThat(this.detector.checkExploit(exploit(3, 2), start, 1)).isNull();
		assertThat(this.detector.checkExploit(exploit(3, 3), start, 1)).isNull();
		StaleRead stale = this.detector.checkExploit(exploit(3, 1), start, 1);
		assertThat(stale).isNotNull();
		assertThat(stale.kind()).isEqualTo(StaleRead.Kind.OLD_VERSION);
		assertThat(stale.age()).isEqualTo(Duration.ofMillis(25));
		assertThat(this.detector.checkExploit(new Exploit(3, "bsc", null), start, 1)).isNull();
		StaleReadDetector.Counts counts = this.detector.counts();
		assertThat(counts.versionChecks()).isEqualTo(3);
		assertThat(counts.staleVersions()).isOne();
	}

	@Test
	void aListShowingAnExploitOlderThanAnAcknowledgedUpdateIsStale() {
		this.detector.updated(3, 2, 0);
		long start = later(15);
		StaleRead stale = this.detector.checkList("bsc", start, List.of(exploit(3, 1)), 1);
		assertThat(stale).isNotNull();
		assertThat(stale.kind()).isEqualTo(StaleRead.Kind.LIST_WITH_OLD_VERSION);
		assertThat(stale.age()).isEqualTo(Duration.ofMillis(15));
		assertThat(this.detector.checkList("bsc", start, List.of(exploit(3, 2)), 1)).isNull();
	}

	@Test
	void resetCountsForgetsStaleReadsButNotWrites() {
		this.detector.created("bsc", 1, 0);
		this.detector.checkList("bsc", later(1), List.of(), 0);
		this.detector.resetCounts();
		assertThat(this.detector.counts().stale()).isZero();
		assertThat(this.detector.staleReads()).isEmpty();
		assertThat(this.detector.checkList("bsc", later(1), List.of(), 0)).isNotNull();
	}

	private long later(long millis) {
		return this.clock.addAndGet(Duration.ofMillis(millis).toNanos());
	}

	private static List<Exploit> exploits(long... ids) {
		return java.util.Arrays.stream(ids).mapToObj((id) -> exploit(id, 0)).toList();
	}

	private static Exploit exploit(long id, long version) {
		return new Exploit(id, "bsc", version);
	}

}
