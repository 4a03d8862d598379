package io.github.tieredcache.sync;

import java.time.Duration;

/**
 * The bus's tuning, checked by {@link InvalidationBus.Builder}.
 *
 * @param heartbeatInterval how long a publisher stays quiet before it sends a heartbeat
 * @param missedHeartbeats how many heartbeat intervals without a message make an instance
 * silent
 * @param batchWindow how long the publisher waits for more invalidations before it
 * publishes a batch (zero: publish what is queued at once)
 * @param batchSize the most invalidations taken into one batch
 * @param queueCapacity the most invalidations waiting to be published
 */
record BusSettings(Duration heartbeatInterval, int missedHeartbeats, Duration batchWindow, int batchSize,
		int queueCapacity) {

	Duration silenceTimeout() {
		return this.heartbeatInterval.multipliedBy(this.missedHeartbeats);
	}

	/**
	 * The longest wait between two attempts to subscribe.
	 */
	Duration maxRetryDelay() {
		return this.heartbeatInterval;
	}

}
