package io.github.tieredcache.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link InvalidationBusStats}, written by the publisher and
 * receiver threads and by callers (overflows). Thread-safe.
 */
final class BusCounters {

	final LongAdder messagesSent = new LongAdder();

	final LongAdder batchesSent = new LongAdder();

	final LongAdder invalidationsSent = new LongAdder();

	final LongAdder publishFailures = new LongAdder();

	final LongAdder queueOverflows = new LongAdder();

	final LongAdder messagesReceived = new LongAdder();

	final LongAdder invalidationsReceived = new LongAdder();

	final LongAdder ownMessagesIgnored = new LongAdder();

	final LongAdder messagesRejected = new LongAdder();

	final AtomicLong lastLagMillis = new AtomicLong(-1);

	private final Map<LossCause, LongAdder> losses = new EnumMap<>(LossCause.class);

	BusCounters() {
		for (LossCause cause : LossCause.values()) {
			this.losses.put(cause, new LongAdder());
		}
	}

	void loss(LossCause cause) {
		this.losses.get(cause).increment();
	}

	InvalidationBusStats snapshot(SubscriptionState state, int queueSize, int livePeers) {
		Map<LossCause, Long> lossCounts = new EnumMap<>(LossCause.class);
		this.losses.forEach((cause, count) -> lossCounts.put(cause, count.sum()));
		return new InvalidationBusStats(state, this.messagesSent.sum(), this.batchesSent.sum(),
				this.invalidationsSent.sum(), this.publishFailures.sum(), this.queueOverflows.sum(), queueSize,
				this.messagesReceived.sum(), this.invalidationsReceived.sum(), this.ownMessagesIgnored.sum(),
				this.messagesRejected.sum(), lossCounts, this.lastLagMillis.get(), livePeers);
	}

}
