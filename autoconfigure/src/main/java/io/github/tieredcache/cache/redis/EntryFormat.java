package io.github.tieredcache.cache.redis;

import java.nio.ByteBuffer;

import io.github.tieredcache.cache.RemoteEntry;
import io.github.tieredcache.serialization.CacheValueSerializationException;
import io.github.tieredcache.serialization.CacheValueSerializer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.NullValue;

/**
 * How an entry is laid out in a Redis string: an 18-byte header (format version, flags,
 * expiry and write time in epoch milliseconds) followed by the serialized value. Carrying
 * the expiry in the value lets an L2 hit fill L1 for the time the entry has left without
 * a second round trip ({@code PTTL}); a cached {@code null} is a flag with no payload, so
 * serializers never see Spring's {@link NullValue}.
 *
 * <p>
 * A serialized value of at least the cache's compression threshold is stored compressed
 * with LZ4 when that makes it smaller: a flag says so, and the payload is the original
 * length (4 bytes) followed by the LZ4 block. Entries are read by their flags, so entries
 * written uncompressed (before compression was switched on, or below the threshold) stay
 * readable, and so do compressed ones after it is switched off.
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

	/**
	 * Never compress.
	 */
	static final long NEVER = Long.MAX_VALUE;

	private static final int HEADER_LENGTH = 18;

	private static final byte NULL_VALUE = 1;

	private static final byte COMPRESSED = 2;

	// Far above any value a tier writes (l2.max-value-size caps those): a larger length
	// in a stored entry is corruption, never a reason to allocate
	private static final int MAX_ORIGINAL_LENGTH = Integer.MAX_VALUE - 64;

	private static final LZ4Factory lz4 = LZ4Factory.fastestInstance();

	private final CacheValueSerializer serializer;

	EntryFormat(CacheValueSerializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * Lays out an entry, uncompressed.
	 * @param value the value or {@code NullValue.INSTANCE}
	 * @param writtenAtMillis the write time
	 * @param expiresAtMillis the expiry time
	 * @return the bytes to store
	 * @throws CacheValueSerializationException if the value cannot be serialized
	 */
	byte[] write(Object value, long writtenAtMillis, long expiresAtMillis) {
		return write(value, writtenAtMillis, expiresAtMillis, NEVER).bytes();
	}

	/**
	 * Lays out an entry, compressing a serialized value of at least the given size when
	 * that makes it smaller.
	 * @param value the value or {@code NullValue.INSTANCE}
	 * @param writtenAtMillis the write time
	 * @param expiresAtMillis the expiry time
	 * @param compressFrom the smallest serialized size compressed, {@link #NEVER} for no
	 * compression
	 * @return the bytes to store, and how many bytes compression saved
	 * @throws CacheValueSerializationException if the value cannot be serialized
	 */
	Written write(Object value, long writtenAtMillis, long expiresAtMillis, long compressFrom) {
		boolean isNull = value == NullValue.INSTANCE;
		byte[] serialized = isNull ? new byte[0] : this.serializer.serialize(value);
		if (serialized.length >= compressFrom && serialized.length > 0) {
			Written compressed = compressed(serialized, writtenAtMillis, expiresAtMillis);
			if (compressed != null) {
				return compressed;
			}
		}
		byte[] entry = header(HEADER_LENGTH + serialized.length, isNull ? NULL_VALUE : 0, writtenAtMillis,
				expiresAtMillis)
			.put(serialized)
			.array();
		return new Written(entry, 0);
	}

	private static @Nullable Written compressed(byte[] serialized, long writtenAtMillis, long expiresAtMillis) {
		LZ4Compressor compressor = lz4.fastCompressor();
		int offset = HEADER_LENGTH + 4;
		byte[] buffer = new byte[offset + compressor.maxCompressedLength(serialized.length)];
		int length = compressor.compress(serialized, 0, serialized.length, buffer, offset);
		int total = offset + length;
		if (total >= HEADER_LENGTH + serialized.length) {
			// Incompressible (already compressed, random): stored as it is
			return null;
		}
		ByteBuffer.wrap(buffer)
			.put(VERSION)
			.put(COMPRESSED)
			.putLong(expiresAtMillis)
			.putLong(writtenAtMillis)
			.putInt(serialized.length);
		byte[] entry = new byte[total];
		System.arraycopy(buffer, 0, entry, 0, total);
		return new Written(entry, HEADER_LENGTH + serialized.length - total);
	}

	private static ByteBuffer header(int length, byte flags, long writtenAtMillis, long expiresAtMillis) {
		return ByteBuffer.allocate(length).put(VERSION).put(flags).putLong(expiresAtMillis).putLong(writtenAtMillis);
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
	 * Reads an entry, compressed or not.
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
		byte flags = buffer.get();
		long expiresAt = buffer.getLong();
		long writtenAt = buffer.getLong();
		if ((flags & NULL_VALUE) != 0) {
			return new RemoteEntry(NullValue.INSTANCE, expiresAt, writtenAt);
		}
		byte[] payload = ((flags & COMPRESSED) != 0) ? decompressed(bytes) : payload(bytes);
		return new RemoteEntry(this.serializer.deserialize(payload), expiresAt, writtenAt);
	}

	private static byte[] payload(byte[] bytes) {
		byte[] payload = new byte[bytes.length - HEADER_LENGTH];
		System.arraycopy(bytes, HEADER_LENGTH, payload, 0, payload.length);
		return payload;
	}

	private static byte[] decompressed(byte[] bytes) {
		int offset = HEADER_LENGTH + 4;
		if (bytes.length < offset) {
			throw new CacheValueSerializationException(
					"Stored compressed entry is truncated (" + bytes.length + " bytes)");
		}
		int length = ByteBuffer.wrap(bytes, HEADER_LENGTH, 4).getInt();
		// LZ4 expands at most 255 times: a larger claim is corruption
		if (length <= 0 || length > MAX_ORIGINAL_LENGTH || length / 255 > bytes.length - offset) {
			throw new CacheValueSerializationException("Stored compressed entry claims an impossible length (" + length
					+ " bytes from " + (bytes.length - offset) + ")");
		}
		LZ4SafeDecompressor decompressor = lz4.safeDecompressor();
		byte[] payload = new byte[length];
		try {
			int written = decompressor.decompress(bytes, offset, bytes.length - offset, payload, 0, length);
			if (written != length) {
				throw new CacheValueSerializationException(
						"Stored compressed entry holds " + written + " bytes, not the " + length + " it claims");
			}
		}
		catch (LZ4Exception ex) {
			throw new CacheValueSerializationException("Stored compressed entry is corrupt: " + ex.getMessage(), ex);
		}
		return payload;
	}

	/**
	 * An entry laid out for Redis.
	 *
	 * @param bytes what to store
	 * @param bytesSaved how many bytes compression saved, {@code 0} when not compressed
	 */
	record Written(byte[] bytes, long bytesSaved) {

	}

}
