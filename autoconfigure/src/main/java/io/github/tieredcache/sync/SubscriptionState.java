package io.github.tieredcache.sync;

/**
 * Where an {@link InvalidationBus}'s subscription to the bus channel stands.
 */
public enum SubscriptionState {

	/** The bus is not running. */
	STOPPED,

	/**
	 * Subscribing, or waiting to retry after a failed attempt (Redis unreachable).
	 */
	SUBSCRIBING,

	/**
	 * Subscribed, as far as this instance can tell: a dropped connection shows as a
	 * re-subscription once it comes back, or as {@link LossCause#SUBSCRIPTION_SILENT}
	 * when this instance stops hearing its own messages.
	 */
	SUBSCRIBED,

	/**
	 * Subscribed, but Redis stopped answering this instance: its last message could not
	 * be published (Redis down, frozen or unreachable). Other instances' invalidations
	 * are not arriving either; once Redis answers, the bus subscribes again (Lettuce does
	 * on reconnecting, or the bus itself when its own messages do not come back) and
	 * flushes L1 for what it missed.
	 */
	DISCONNECTED

}
