package io.github.tieredcache.benchmarks.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewLedgerTests {

	private final ViewLedger ledger = new ViewLedger();

	@Test
	void countsThatAdvanceByOneAreNoRegression() {
		assertThat(this.ledger.viewed(1, 0, 10, 1, 0)).isNull();
		assertThat(this.ledger.viewed(1, 20, 30, 2, 1)).isNull();
		assertThat(this.ledger.viewed(1, 40, 50, 3, 2)).isNull();
		assertThat(this.ledger.acknowledged()).isEqualTo(3);
		assertThat(this.ledger.lastCounts().get(1L).count()).isEqualTo(3);
		assertThat(this.ledger.lastCounts().get(1L).nanos()).isEqualTo(50);
		assertThat(this.ledger.lastCounts().get(1L).history()).hasSize(3);
		assertThat(this.ledger.regressions()).isEmpty();
	}

	@Test
	void aCountThatDoesNotAdvanceIsARegressionDatedFromTheFirstCountItMissed() {
		this.ledger.viewed(1, 0, 10, 1, 0);
		this.ledger.viewed(1, 20, 30, 2, 1);
		this.ledger.viewed(1, 40, 50, 3, 1);
		// read 1 rather than 3: counts 2 and 3 were missed
		ViewLedger.Regression regression = this.ledger.viewed(1, 60, 70, 2, 2);
		assertThat(regression).isNotNull();
		assertThat(regression.firstMissedAck()).isEqualTo(30);
		assertThat(regression.writeInstance()).isEqualTo(1);
		assertThat(regression.lost()).isEqualTo(2);
		assertThat(this.ledger.lastCounts().get(1L).count()).isEqualTo(2);
		// counting goes on from the count answered
		assertThat(this.ledger.viewed(1, 80, 90, 3, 0)).isNull();
	}

	@Test
	void countsThatSkipAreCountedAsJumps() {
		this.ledger.viewed(1, 0, 10, 1, 0);
		this.ledger.viewed(1, 20, 30, 5, 0);
		assertThat(this.ledger.jumps()).isOne();
	}

}
