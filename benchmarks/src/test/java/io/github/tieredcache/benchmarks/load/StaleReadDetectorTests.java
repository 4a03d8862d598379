package io.github.tieredcache.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaleReadDetectorTests {

	private final StaleReadDetector detector = new StaleReadDetector();

	@Test
	void aReadBeforeAnyAcknowledgedWriteIsNotJudged() {
		Long expected = this.detector.expectedId("ethereum");
		assertThat(expected).isNull();
		assertThat(this.detector.checkList("ethereum", expected, List.of())).isFalse();
		assertThat(this.detector.counts().listChecks()).isZero();
	}

	@Test
	void aListThatHoldsTheAcknowledgedIdIsFresh() {
		this.detector.created("ethereum", 7);
		Long expected = this.detector.expectedId("ethereum");
		assertThat(this.detector.checkList("ethereum", expected, List.of(7L, 5L, 3L))).isFalse();
		assertThat(this.detector.counts().listChecks()).isOne();
		assertThat(this.detector.counts().stale()).isZero();
	}

	@Test
	void aListStartedAfterTheAcknowledgementWithoutTheIdIsStale() {
		this.detector.created("ethereum", 7);
		Long expected = this.detector.expectedId("ethereum");
		assertThat(this.detector.checkList("ethereum", expected, List.of(5L, 3L))).isTrue();
		StaleReadDetector.Counts counts = this.detector.counts();
		assertThat(counts.staleLists()).isOne();
		assertThat(counts.stale()).isOne();
		assertThat(counts.examples()).singleElement().asString().contains("ethereum").contains("7");
	}

	@Test
	void aReadThatStartedBeforeTheAcknowledgementIsJudgedByWhatWasAcknowledgedThen() {
		this.detector.created("ethereum", 7);
		Long expected = this.detector.expectedId("ethereum");
		// a create acknowledged while the read is in flight
		this.detector.created("ethereum", 9);
		assertThat(this.detector.checkList("ethereum", expected, List.of(7L, 5L))).isFalse();
		assertThat(this.detector.expectedId("ethereum")).isEqualTo(9L);
	}

	@Test
	void theNewestCreateOfAChainWinsWhateverOrderAcknowledgementsArriveIn() {
		this.detector.created("bsc", 12);
		this.detector.created("bsc", 10);
		this.detector.created("ethereum", 11);
		assertThat(this.detector.expectedId("bsc")).isEqualTo(12L);
		assertThat(this.detector.expectedId("ethereum")).isEqualTo(11L);
	}

	@Test
	void aReadByIdOlderThanAnAcknowledgedUpdateIsStale() {
		this.detector.updated(3, 2);
		Long expected = this.detector.expectedVersion(3);
		assertThat(this.detector.checkVersion(3, expected, 2L)).isFalse();
		assertThat(this.detector.checkVersion(3, expected, 3L)).isFalse();
		assertThat(this.detector.checkVersion(3, expected, 1L)).isTrue();
		assertThat(this.detector.checkVersion(3, expected, null)).isFalse();
		StaleReadDetector.Counts counts = this.detector.counts();
		assertThat(counts.versionChecks()).isEqualTo(3);
		assertThat(counts.staleVersions()).isOne();
	}

}
