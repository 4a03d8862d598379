package io.github.tieredcache.sync;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of an {@link InvalidationBus}'s counters and gauges. Counters count from the
 * bus's creation and never decrease. Immutable.
 *
 * @param subscriptionState where the subscription stands
 * @param messagesSent messages published successfully, heartbeats included
 * @param batchesSent messages carrying invalidations published successfully
 * @param invalidationsSent invalidations carried by those messages
 * @param publishFailures messages that could not be published (Redis unreachable, a
 * timeout); other instances notice the gap in the sequence and flush their L1
 * @param queueOverflows invalidations that found the outbound queue full; their caches
 * were cleared on the other instances instead
 * @param queueSize invalidations waiting to be published
 * @param messagesReceived messages received from other instances
 * @param invalidationsReceived invalidations applied from those messages
 * @param ownMessagesIgnored this instance's own messages, received and not applied
 * @param messagesRejected messages dropped unread: not a bus message, corrupt, oversized,
 * another format version, or out of order
 * @param losses by cause, how many times this instance flushed its L1 because it may have
 * missed invalidations
 * @param lastLagMillis milliseconds between the publishing and the receiving of the last
 * message from another instance, by the two instances' clocks (so skewed clocks skew it),
 * or -1 before the first one
 * @param livePeers other instances heard from within the silence timeout
 */
public record InvalidationBusStats(SubscriptionState subscriptionState, long messagesSent, long batchesSent,
		long invalidationsSent, long publishFailures, long queueOverflows, int queueSize, long messagesReceived,
		long invalidationsReceived, long ownMessagesIgnored, long messagesRejected, Map<LossCause, Long> losses,
		long lastLagMillis, int livePeers) {

	/**
	 * Copies the losses, with every cause present.
	 */
	public InvalidationBusStats {
		Map<LossCause, Long> all = new EnumMap<>(LossCause.class);
		for (LossCause cause : LossCause.values()) {
			all.put(cause, losses.getOrDefault(cause, 0L));
		}
		losses = Map.copyOf(all);
	}

	/**
	 * Returns how many times, for any cause, this instance flushed its L1 because it may
	 * have missed invalidations.
	 * @return the number of detected losses
	 */
	public long lossesDetected() {
		return this.losses.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Returns how many losses of one cause were detected.
	 * @param cause the cause
	 * @return the number of losses of that cause
	 */
	public long losses(LossCause cause) {
		return this.losses.get(cause);
	}

}
