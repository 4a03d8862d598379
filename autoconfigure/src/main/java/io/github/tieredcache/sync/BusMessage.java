package io.github.tieredcache.sync;

import java.util.List;
import java.util.UUID;

import io.github.tieredcache.cache.Invalidation;

/**
 * One message on the bus, decoded. Every message, heartbeats included, carries its
 * publisher's identity and position so that receivers can tell whether they missed one.
 *
 * @param type what the message says
 * @param instance the publishing bus's random id
 * @param epoch the publisher's epoch: raised each time it starts, restarting the sequence
 * @param sequence the message's number within the epoch, from 1, without gaps
 * @param publishedAt when it was published, epoch milliseconds of the publisher's clock
 * @param invalidations what to drop, empty unless {@link Type#INVALIDATIONS}
 */
record BusMessage(Type type, UUID instance, int epoch, long sequence, long publishedAt,
		List<Invalidation> invalidations) {

	BusMessage {
		invalidations = List.copyOf(invalidations);
	}

	static BusMessage heartbeat(UUID instance, int epoch, long sequence, long publishedAt) {
		return new BusMessage(Type.HEARTBEAT, instance, epoch, sequence, publishedAt, List.of());
	}

	static BusMessage goodbye(UUID instance, int epoch, long sequence, long publishedAt) {
		return new BusMessage(Type.GOODBYE, instance, epoch, sequence, publishedAt, List.of());
	}

	/**
	 * What a message says.
	 */
	enum Type {

		/** Entries to drop from L1. */
		INVALIDATIONS(1),

		/** Nothing to drop: the publisher is alive, and this is its current sequence. */
		HEARTBEAT(2),

		/** The publisher is stopping; it will publish nothing after this sequence. */
		GOODBYE(3);

		private final int code;

		Type(int code) {
			this.code = code;
		}

		int code() {
			return this.code;
		}

		static Type of(int code) {
			for (Type type : values()) {
				if (type.code == code) {
					return type;
				}
			}
			throw new MalformedBusMessageException("unknown message type " + code);
		}

	}

}
