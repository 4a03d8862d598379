package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerTracker}: which messages reveal that others were missed.
 */
class PeerTrackerTests {

	private final PeerTracker peers = new PeerTracker(Duration.ofSeconds(6));

	private final UUID peer = UUID.randomUUID();

	@Test
	void firstMessageFromAPeerIsInOrderWhateverItsSequence() {
		assertThat(this.peers.accept(heartbeat(1, 57), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
		assertThat(this.peers.accept(heartbeat(1, 58), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
	}

	@Test
	void skippedSequenceIsAGap() {
		this.peers.accept(heartbeat(1, 1), 0);

		assertThat(this.peers.accept(heartbeat(1, 3), 0)).isEqualTo(PeerTracker.Verdict.GAP);
		assertThat(this.peers.accept(heartbeat(1, 4), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
	}

	@Test
	void repeatedOrOlderMessageIsStale() {
		this.peers.accept(heartbeat(2, 5), 0);

		assertThat(this.peers.accept(heartbeat(2, 5), 0)).isEqualTo(PeerTracker.Verdict.STALE);
		assertThat(this.peers.accept(heartbeat(1, 9), 0)).isEqualTo(PeerTracker.Verdict.STALE);
	}

	@Test
	void newEpochWithoutGoodbyeIsARestart() {
		this.peers.accept(heartbeat(1, 5), 0);

		assertThat(this.peers.accept(heartbeat(2, 1), 0)).isEqualTo(PeerTracker.Verdict.RESTARTED);
	}

	@Test
	void newEpochAfterGoodbyeStartsAfresh() {
		this.peers.accept(heartbeat(1, 5), 0);
		this.peers.accept(BusMessage.goodbye(this.peer, 1, 6, 0), 0);

		assertThat(this.peers.livePeers()).isZero();
		assertThat(this.peers.accept(heartbeat(2, 1), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
	}

	@Test
	void rebaselinedPeerIsInOrderDespiteAGap() {
		this.peers.accept(heartbeat(1, 1), 0);
		this.peers.rebaselineAll();

		assertThat(this.peers.accept(heartbeat(1, 9), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
		assertThat(this.peers.accept(heartbeat(1, 11), 0)).isEqualTo(PeerTracker.Verdict.GAP);
	}

	@Test
	void peerQuietForLongerThanTheTimeoutGoesSilentOnce() {
		this.peers.accept(heartbeat(1, 1), 1_000);

		assertThat(this.peers.detectSilence(7_000)).isFalse();
		assertThat(this.peers.detectSilence(7_001)).isTrue();
		assertThat(this.peers.detectSilence(8_000)).isFalse();
		assertThat(this.peers.livePeers()).isZero();
	}

	@Test
	void silentPeerThatReturnsIsStillCheckedForGaps() {
		this.peers.accept(heartbeat(1, 1), 0);
		this.peers.detectSilence(10_000);

		assertThat(this.peers.accept(heartbeat(1, 3), 10_000)).isEqualTo(PeerTracker.Verdict.GAP);
		assertThat(this.peers.livePeers()).isEqualTo(1);
	}

	@Test
	void silentPeerIsForgottenAfterAWhile() {
		this.peers.accept(heartbeat(1, 1), 0);
		this.peers.detectSilence(10_000);
		this.peers.detectSilence(PeerTracker.FORGET_AFTER.toMillis() + 1);

		assertThat(this.peers.accept(heartbeat(1, 3), 0)).isEqualTo(PeerTracker.Verdict.IN_ORDER);
	}

	private BusMessage heartbeat(int epoch, long sequence) {
		return BusMessage.heartbeat(this.peer, epoch, sequence, 0);
	}

}
