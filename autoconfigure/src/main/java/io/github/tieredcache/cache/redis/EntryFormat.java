package io.github.tieredcache.cache.redis;

import java.nio.ByteBuffer;

import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.serialization.CacheValueSerializationException;
import io.github.tieredcache.serialization.CacheValueSerializer;

import org.springframework.cache.support.NullValue;

/**
 * How an entry is laid out in a Redis string: an 18-byte header (format version, flags,
 * expiry and write time in epoch milliseconds) followed by the serialized value. Carrying
 * the expiry in the value lets an L2 hit fill L1 for the time the entry has left without
 * a second round trip ({@code PTTL}); a cached {@code null} is a flag with no payload, so
 * serializers never see Spring's {@link NullValue}.
 *
 * <p>
 * Immutable and thread-safe.
 */
final class EntryFormat {

	/**
	 * The layout version: {@code 2} since values are stored as their fields' state;
	 * entries of version {@code 1} were written from getters, and are read as misses.
	 */
	static final byte VERSION = 2;

	private static final int HEADER_LENGTH = 18;

	private static final byte NULL_VALUE = 1;

	private final CacheValueSerializer serializer;

	EntryFormat(CacheValueSerializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * Lays out an entry.
	 * @param value the value or {@code NullValue.INSTANCE}
	 * @param writtenAtMillis the write time
	 * @param expiresAtMillis the expiry time
	 * @return the bytes to store
	 * @throws CacheValueSerializationException if the value cannot be serialized
	 */
	byte[] write(Object value, long writtenAtMillis, long expiresAtMillis) {
		boolean isNull = value == NullValue.INSTANCE;
		byte[] payload = isNull ? new byte[0] : this.serializer.serialize(value);
		return ByteBuffer.allocate(HEADER_LENGTH + payload.length)
			.put(VERSION)
			.put(isNull ? NULL_VALUE : 0)
			.putLong(expiresAtMillis)
			.putLong(writtenAtMillis)
			.put(payload)
			.array();
	}

	/**
	 * Returns the header bytes that identify one write of an entry: its expiry and write
	 * times as laid out after the version and flags bytes.
	 * @param entry the entry
	 * @return the 16 bytes
	 */
	static byte[] times(RemoteEntry entry) {
		return ByteBuffer.allocate(16).putLong(entry.expiresAtMillis()).putLong(entry.writtenAtMillis()).array();
	}

	/**
	 * Reads an entry.
	 * @param bytes the stored bytes
	 * @return the entry
	 * @throws CacheValueSerializationException if the bytes are not an entry this version
	 * can read
	 */
	RemoteEntry read(byte[] bytes) {
		if (bytes.length < HEADER_LENGTH || bytes[0] != VERSION) {
			throw new CacheValueSerializationException("Stored entry has an unknown layout (" + bytes.length
					+ " bytes, format " + ((bytes.length > 0) ? bytes[0] : "none") + ")");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		buffer.position(1);
		boolean isNull = (buffer.get() & NULL_VALUE) != 0;
		long expiresAt = buffer.getLong();
		long writtenAt = buffer.getLong();
		Object value = isNull ? NullValue.INSTANCE : this.serializer.deserialize(payload(bytes));
		return new RemoteEntry(value, expiresAt, writtenAt);
	}

	private static byte[] payload(byte[] bytes) {
		byte[] payload = new byte[bytes.length - HEADER_LENGTH];
		System.arraycopy(bytes, HEADER_LENGTH, payload, 0, payload.length);
		return payload;
	}

}
