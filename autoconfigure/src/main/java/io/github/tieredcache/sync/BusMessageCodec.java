package io.github.tieredcache.sync;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.github.tieredcache.cache.Invalidation;

/**
 * The bus's wire format, version 1: a fixed 40-byte header, then, for invalidations, a
 * table of cache names and the entries. All numbers are big-endian, strings are UTF-8
 * prefixed with their length as an unsigned 16-bit number. See
 * {@code docs/invalidation.md} for the layout.
 *
 * <p>
 * Decoding never trusts the input: any inconsistency (wrong magic, another version, a
 * length running past the end, trailing bytes, invalid UTF-8, a message over
 * {@link #MAX_MESSAGE_BYTES}) is a {@link MalformedBusMessageException}. Stateless and
 * thread-safe.
 */
final class BusMessageCodec {

	/** Largest message published or accepted. */
	static final int MAX_MESSAGE_BYTES = 64 * 1024;

	/** Length of the fixed header. */
	static final int HEADER_BYTES = 40;

	/** Longest string (cache name or target) in UTF-8 bytes. */
	static final int MAX_STRING_BYTES = 0xFFFF;

	static final byte VERSION = 1;

	private static final byte MAGIC_0 = 'T';

	private static final byte MAGIC_1 = 'C';

	private BusMessageCodec() {
	}

	static byte[] encode(BusMessage message) {
		Map<String, Integer> names = new LinkedHashMap<>();
		message.invalidations().forEach((invalidation) -> names.putIfAbsent(invalidation.cacheName(), names.size()));
		int size = HEADER_BYTES;
		if (message.type() == BusMessage.Type.INVALIDATIONS) {
			size += 4 + names.keySet().stream().mapToInt((name) -> 2 + utf8Length(name)).sum();
			size += message.invalidations().stream().mapToInt(BusMessageCodec::entryBytes).sum();
		}
		if (size > MAX_MESSAGE_BYTES) {
			throw new IllegalArgumentException("A bus message of " + size + " bytes exceeds " + MAX_MESSAGE_BYTES);
		}
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) message.type().code());
		out.putLong(message.instance().getMostSignificantBits()).putLong(message.instance().getLeastSignificantBits());
		out.putInt(message.epoch()).putLong(message.sequence()).putLong(message.publishedAt());
		if (message.type() == BusMessage.Type.INVALIDATIONS) {
			out.putShort((short) names.size());
			names.keySet().forEach((name) -> putString(out, name));
			out.putShort((short) message.invalidations().size());
			for (Invalidation invalidation : message.invalidations()) {
				out.putShort((short) (int) names.get(invalidation.cacheName()));
				out.put(scopeCode(invalidation.scope()));
				if (invalidation.scope() != Invalidation.Scope.ALL) {
					putString(out, Objects.requireNonNull(invalidation.target()));
				}
			}
		}
		return out.array();
	}

	static BusMessage decode(byte[] bytes) {
		if (bytes.length > MAX_MESSAGE_BYTES) {
			throw new MalformedBusMessageException("oversized: " + bytes.length + " bytes");
		}
		if (bytes.length < 3 || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
			throw new MalformedBusMessageException("not a bus message");
		}
		if (bytes[2] != VERSION) {
			throw new MalformedBusMessageException("format version " + bytes[2] + ", this instance reads " + VERSION);
		}
		try {
			ByteBuffer in = ByteBuffer.wrap(bytes, 3, bytes.length - 3);
			BusMessage.Type type = BusMessage.Type.of(in.get());
			UUID instance = new UUID(in.getLong(), in.getLong());
			int epoch = in.getInt();
			long sequence = in.getLong();
			long publishedAt = in.getLong();
			List<Invalidation> invalidations = (type == BusMessage.Type.INVALIDATIONS) ? readInvalidations(in)
					: List.of();
			if (in.hasRemaining()) {
				throw new MalformedBusMessageException(in.remaining() + " unexpected trailing bytes");
			}
			return new BusMessage(type, instance, epoch, sequence, publishedAt, invalidations);
		}
		catch (BufferUnderflowException ex) {
			throw new MalformedBusMessageException("truncated");
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedBusMessageException(ex.getMessage());
		}
	}

	/**
	 * Returns how many bytes an invalidation adds to a message, not counting its cache
	 * name's entry in the name table.
	 */
	static int entryBytes(Invalidation invalidation) {
		String target = invalidation.target();
		return 3 + ((target != null) ? 2 + utf8Length(target) : 0);
	}

	/**
	 * Returns how many bytes a cache name adds to a message's name table.
	 */
	static int nameBytes(String cacheName) {
		return 2 + utf8Length(cacheName);
	}

	static int utf8Length(String text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	private static List<Invalidation> readInvalidations(ByteBuffer in) {
		int nameCount = Short.toUnsignedInt(in.getShort());
		List<String> names = new ArrayList<>(nameCount);
		for (int i = 0; i < nameCount; i++) {
			names.add(readString(in));
		}
		int count = Short.toUnsignedInt(in.getShort());
		List<Invalidation> invalidations = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int nameIndex = Short.toUnsignedInt(in.getShort());
			if (nameIndex >= names.size()) {
				throw new MalformedBusMessageException("cache name index " + nameIndex + " out of range");
			}
			Invalidation.Scope scope = scope(in.get());
			String target = (scope != Invalidation.Scope.ALL) ? readString(in) : null;
			invalidations.add(new Invalidation(names.get(nameIndex), scope, target));
		}
		return invalidations;
	}

	private static byte scopeCode(Invalidation.Scope scope) {
		return switch (scope) {
			case KEY -> 0;
			case PATTERN -> 1;
			case ALL -> 2;
		};
	}

	private static Invalidation.Scope scope(byte code) {
		return switch (code) {
			case 0 -> Invalidation.Scope.KEY;
			case 1 -> Invalidation.Scope.PATTERN;
			case 2 -> Invalidation.Scope.ALL;
			default -> throw new MalformedBusMessageException("unknown scope " + code);
		};
	}

	private static void putString(ByteBuffer out, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > MAX_STRING_BYTES) {
			throw new IllegalArgumentException("A string of " + bytes.length + " bytes does not fit a bus message");
		}
		out.putShort((short) bytes.length).put(bytes);
	}

	private static String readString(ByteBuffer in) {
		int length = Short.toUnsignedInt(in.getShort());
		if (length > in.remaining()) {
			throw new MalformedBusMessageException("string of " + length + " bytes runs past the end");
		}
		ByteBuffer slice = in.slice(in.position(), length);
		in.position(in.position() + length);
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(slice);
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedBusMessageException("invalid UTF-8");
		}
	}

}
