package io.github.tieredcache.sync;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.cache.Invalidation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BusMessageCodec}: the wire format reads back what it wrote and rejects
 * anything else.
 */
class BusMessageCodecTests {

	private final UUID instance = UUID.randomUUID();

	@Test
	void invalidationsReadBackAsWritten() {
		BusMessage message = new BusMessage(BusMessage.Type.INVALIDATIONS, this.instance, 3, 42, 1_700_000_000_000L,
				List.of(Invalidation.key("products", "42"), Invalidation.pattern("products", "eu:*"),
						Invalidation.all("prices"), Invalidation.key("prices", "€ – ünïcödé 🙂")));

		assertThat(BusMessageCodec.decode(BusMessageCodec.encode(message))).isEqualTo(message);
	}

	@Test
	void heartbeatIsJustTheHeader() {
		BusMessage heartbeat = BusMessage.heartbeat(this.instance, 1, 7, 123L);

		byte[] bytes = BusMessageCodec.encode(heartbeat);

		assertThat(bytes).hasSize(BusMessageCodec.HEADER_BYTES).startsWith('T', 'C', 1, 2);
		assertThat(BusMessageCodec.decode(bytes)).isEqualTo(heartbeat);
	}

	@Test
	void cacheNameIsWrittenOncePerMessage() {
		byte[] one = BusMessageCodec.encode(batch(List.of(Invalidation.key("products", "1"))));
		byte[] two = BusMessageCodec
			.encode(batch(List.of(Invalidation.key("products", "1"), Invalidation.key("products", "2"))));

		assertThat(two.length - one.length).isEqualTo(BusMessageCodec.entryBytes(Invalidation.key("products", "2")));
	}

	@Test
	void otherFormatVersionIsRejected() {
		byte[] bytes = BusMessageCodec.encode(BusMessage.heartbeat(this.instance, 1, 1, 1L));
		bytes[2] = 2;

		assertThatExceptionOfType(MalformedBusMessageException.class).isThrownBy(() -> BusMessageCodec.decode(bytes))
			.withMessageContaining("format version 2");
	}

	@Test
	void truncatedMessageIsRejected() {
		byte[] bytes = BusMessageCodec.encode(batch(List.of(Invalidation.key("products", "1"))));

		for (int length = 0; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(MalformedBusMessageException.class)
				.isThrownBy(() -> BusMessageCodec.decode(truncated));
		}
	}

	@Test
	void trailingBytesAreRejected() {
		byte[] bytes = BusMessageCodec.encode(BusMessage.heartbeat(this.instance, 1, 1, 1L));

		assertThatExceptionOfType(MalformedBusMessageException.class)
			.isThrownBy(() -> BusMessageCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
	}

	@Test
	void unknownScopeTypeAndNameIndexAreRejected() {
		byte[] bytes = BusMessageCodec.encode(batch(List.of(Invalidation.all("p"))));
		int entry = BusMessageCodec.HEADER_BYTES + 2 + 2 + 1 + 2;

		byte[] badScope = bytes.clone();
		badScope[entry + 2] = 9;
		byte[] badIndex = bytes.clone();
		badIndex[entry + 1] = 1;
		byte[] badType = bytes.clone();
		badType[3] = 0;

		for (byte[] corrupt : List.of(badScope, badIndex, badType)) {
			assertThatExceptionOfType(MalformedBusMessageException.class)
				.isThrownBy(() -> BusMessageCodec.decode(corrupt));
		}
	}

	@Test
	void invalidUtf8IsRejected() {
		byte[] bytes = BusMessageCodec.encode(batch(List.of(Invalidation.key("p", "k"))));
		bytes[bytes.length - 1] = (byte) 0xFF;

		assertThatExceptionOfType(MalformedBusMessageException.class).isThrownBy(() -> BusMessageCodec.decode(bytes))
			.withMessageContaining("UTF-8");
	}

	@Test
	void oversizedMessageIsRejectedUnread() {
		byte[] bytes = new byte[BusMessageCodec.MAX_MESSAGE_BYTES + 1];

		assertThatExceptionOfType(MalformedBusMessageException.class).isThrownBy(() -> BusMessageCodec.decode(bytes))
			.withMessageContaining("oversized");
	}

	private BusMessage batch(List<Invalidation> invalidations) {
		return new BusMessage(BusMessage.Type.INVALIDATIONS, this.instance, 1, 1, 1L, invalidations);
	}

}
