package io.github.tieredcache.sync;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Checks that this instance hears its own messages: a message Redis acknowledged but that
 * never comes back on the subscription means the subscription is deaf (a half-open
 * connection, a subscription Redis dropped), even though nothing reported an error.
 * Thread-safe: the publisher reports acknowledged messages, the receiver those it heard.
 */
final class SelfProbe {

	private final AtomicReference<@Nullable Pending> oldestUnheard = new AtomicReference<>();

	private final AtomicLong heardSequence = new AtomicLong();

	private volatile boolean cutOff;

	/**
	 * Called when Redis acknowledged one of this instance's messages.
	 */
	void published(long sequence, long publishedAt) {
		this.oldestUnheard.compareAndSet(null, new Pending(sequence, publishedAt));
	}

	/**
	 * Called when one of this instance's messages could not be published: Redis does not
	 * answer, so the subscription cannot be trusted until a message comes back or a new
	 * subscription is confirmed.
	 */
	void publishFailed() {
		this.cutOff = true;
	}

	/**
	 * Returns whether Redis stopped answering since this instance last heard its own
	 * messages or subscribed.
	 */
	boolean cutOff() {
		return this.cutOff;
	}

	/**
	 * Called when one of this instance's messages (of the current epoch) came back.
	 */
	void heard(long sequence) {
		this.cutOff = false;
		this.heardSequence.accumulateAndGet(sequence, Math::max);
		Pending pending = this.oldestUnheard.get();
		if (pending != null && sequence >= pending.sequence()) {
			this.oldestUnheard.compareAndSet(pending, null);
		}
	}

	/**
	 * Returns whether an acknowledged message has not come back within the timeout.
	 */
	boolean deaf(long now, long timeoutMillis) {
		Pending pending = this.oldestUnheard.get();
		if (pending == null) {
			return false;
		}
		if (this.heardSequence.get() >= pending.sequence()) {
			this.oldestUnheard.compareAndSet(pending, null);
			return false;
		}
		return now - pending.publishedAt() > timeoutMillis;
	}

	/**
	 * Forgets messages published before a new subscription (they were never going to come
	 * back) or a new epoch.
	 */
	void reset() {
		this.oldestUnheard.set(null);
		this.cutOff = false;
	}

	void newEpoch() {
		this.oldestUnheard.set(null);
		this.heardSequence.set(0);
	}

	private record Pending(long sequence, long publishedAt) {
	}

}
