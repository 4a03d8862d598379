package io.github.tieredcache.webhook;

/**
 * Where the webhook remembered a signature to refuse its replay: in Redis (refused on
 * every instance) or in this instance's memory (refused here only, when there is no Redis
 * or it did not answer). The {@code store} tag of the replay meter.
 */
public enum ReplayStore {

	/**
	 * In Redis, shared by every instance.
	 */
	REDIS,

	/**
	 * In this instance's memory.
	 */
	LOCAL

}
