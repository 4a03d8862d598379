package io.github.tieredcache.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.tieredcache.serialization.CacheValueSerializationException;
import io.github.tieredcache.serialization.CacheValueSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.NullValue;

/**
 * Turns a queued write's arguments, and the value it cached, into bytes with the cache
 * value serializer, so that they pass the same allow-list as cached values on the
 * instance that reads them back. Each argument is serialized on its own: a count, then
 * for each a length ({@code -1} for {@code null}) and the bytes. Thread-safe.
 */
final class StoredArguments {

	private static final byte NULL_VALUE = 'N';

	private static final byte VALUE = 'V';

	private final CacheValueSerializer serializer;

	StoredArguments(CacheValueSerializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * Serializes arguments.
	 * @throws CacheValueSerializationException if one cannot be serialized
	 */
	byte[] write(@Nullable Object[] arguments) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(arguments.length);
			for (Object argument : arguments) {
				if (argument == null) {
					out.writeInt(-1);
				}
				else {
					byte[] serialized = this.serializer.serialize(argument);
					out.writeInt(serialized.length);
					out.write(serialized);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads arguments back.
	 * @throws CacheValueSerializationException if they cannot be read, or name a type
	 * outside the allow-list
	 */
	@Nullable Object[] read(byte[] stored) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
			int count = in.readInt();
			if (count < 0 || count > 255) {
				throw new IOException("bad argument count " + count);
			}
			@Nullable Object[] arguments = new Object[count];
			for (int i = 0; i < count; i++) {
				int length = in.readInt();
				if (length >= 0) {
					arguments[i] = this.serializer.deserialize(in.readNBytes(length));
				}
			}
			return arguments;
		}
		catch (IOException ex) {
			throw new CacheValueSerializationException("Unreadable write-behind arguments: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Serializes the value a write cached; {@code null} as a marker.
	 */
	byte[] writeValue(@Nullable Object value) {
		if (value == null || value instanceof NullValue) {
			return new byte[] { NULL_VALUE };
		}
		byte[] serialized = this.serializer.serialize(value);
		byte[] stored = new byte[serialized.length + 1];
		stored[0] = VALUE;
		System.arraycopy(serialized, 0, stored, 1, serialized.length);
		return stored;
	}

	/**
	 * Reads a value written by {@link #writeValue}.
	 * @return the value, {@code null} for a cached {@code null}
	 */
	@Nullable Object readValue(byte[] stored) {
		if (stored.length == 0 || stored[0] == NULL_VALUE) {
			return null;
		}
		byte[] serialized = new byte[stored.length - 1];
		System.arraycopy(stored, 1, serialized, 0, serialized.length);
		return this.serializer.deserialize(serialized);
	}

}
