package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * What this instance knows about every other instance on the bus: its epoch, the last
 * sequence number received and when it was last heard. Decides whether a message reveals
 * missed messages and which peers went silent.
 *
 * <p>
 * Not thread-safe: used by the receiver thread only, except {@link #livePeers()}.
 */
final class PeerTracker {

	/** How long a silent peer is remembered, so that a gap is noticed when it returns. */
	static final Duration FORGET_AFTER = Duration.ofMinutes(10);

	private final Map<UUID, Peer> peers = new HashMap<>();

	private final long silenceMillis;

	private volatile int livePeers;

	PeerTracker(Duration silenceTimeout) {
		this.silenceMillis = silenceTimeout.toMillis();
	}

	/**
	 * Records a message from another instance.
	 * @param message the message
	 * @param now the receiving time, epoch milliseconds
	 * @return what the message says about messages before it
	 */
	Verdict accept(BusMessage message, long now) {
		Peer peer = this.peers.get(message.instance());
		Verdict verdict;
		if (peer == null || peer.rebaseline) {
			verdict = Verdict.IN_ORDER;
		}
		else if (message.epoch() < peer.epoch
				|| (message.epoch() == peer.epoch && message.sequence() <= peer.sequence)) {
			return Verdict.STALE;
		}
		else if (message.epoch() > peer.epoch) {
			verdict = Verdict.RESTARTED;
		}
		else {
			verdict = (message.sequence() == peer.sequence + 1) ? Verdict.IN_ORDER : Verdict.GAP;
		}
		if (message.type() == BusMessage.Type.GOODBYE) {
			this.peers.remove(message.instance());
		}
		else {
			this.peers.put(message.instance(), new Peer(message.epoch(), message.sequence(), now));
		}
		countLive();
		return verdict;
	}

	/**
	 * Accepts the next message from every known peer whatever its sequence, after this
	 * instance flushed its L1 on subscribing (everything before is covered by the flush).
	 */
	void rebaselineAll() {
		this.peers.values().forEach((peer) -> peer.rebaseline = true);
	}

	/**
	 * Marks peers not heard from within the silence timeout as silent, and forgets those
	 * silent for {@link #FORGET_AFTER}.
	 * @param now the current time, epoch milliseconds
	 * @return whether a peer went silent since the last call
	 */
	boolean detectSilence(long now) {
		boolean newlySilent = false;
		for (Iterator<Peer> iterator = this.peers.values().iterator(); iterator.hasNext();) {
			Peer peer = iterator.next();
			long quiet = now - peer.heardAt;
			if (!peer.silent && quiet > this.silenceMillis) {
				peer.silent = true;
				newlySilent = true;
			}
			if (peer.silent && quiet > FORGET_AFTER.toMillis()) {
				iterator.remove();
			}
		}
		countLive();
		return newlySilent;
	}

	int livePeers() {
		return this.livePeers;
	}

	private void countLive() {
		this.livePeers = (int) this.peers.values().stream().filter((peer) -> !peer.silent).count();
	}

	/**
	 * What a message reveals.
	 */
	enum Verdict {

		/** The next expected message, or the first from this peer. */
		IN_ORDER,

		/** Messages between the last received and this one are missing. */
		GAP,

		/** The peer started a new epoch without saying goodbye to the last. */
		RESTARTED,

		/** Older than the last received (a duplicate or a forgery): ignore it. */
		STALE

	}

	private static final class Peer {

		final int epoch;

		final long sequence;

		final long heardAt;

		boolean silent;

		boolean rebaseline;

		Peer(int epoch, long sequence, long heardAt) {
			this.epoch = epoch;
			this.sequence = sequence;
			this.heardAt = heardAt;
		}

	}

}
