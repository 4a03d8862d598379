package io.github.tieredcache.sync;

/**
 * Why an {@link InvalidationBus} concluded that it may have missed invalidations from
 * other instances, and flushed this instance's L1.
 */
public enum LossCause {

	/**
	 * A peer's message arrived with a sequence number higher than the next expected one:
	 * the messages in between were not received (or the peer failed to publish them).
	 */
	SEQUENCE_GAP,

	/**
	 * A peer started a new epoch without having said goodbye to the previous one: its
	 * last messages before the restart may be missing.
	 */
	PEER_RESTARTED,

	/**
	 * A peer went silent (no message, not even a heartbeat, for the silence timeout)
	 * without saying goodbye: its last messages may never have been published.
	 */
	PEER_SILENT,

	/**
	 * The subscription was renewed (Redis or the connection came back): anything
	 * published while it was down was missed.
	 */
	RESUBSCRIBED,

	/**
	 * This instance's own published messages stopped coming back on its subscription: it
	 * is deaf (a half-open connection, for example) and re-subscribes.
	 */
	SUBSCRIPTION_SILENT

}
