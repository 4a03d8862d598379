package io.github.tieredcache.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.cache.Invalidation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageSplitter}.
 */
class MessageSplitterTests {

	@Test
	void largeBatchIsCutIntoMessagesThatFit() {
		MessageSplitter splitter = new MessageSplitter();
		List<List<Invalidation>> messages = new ArrayList<>();
		List<Invalidation> all = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			Invalidation invalidation = Invalidation.key("products", "a-rather-long-key-" + i + "-".repeat(20));
			all.add(invalidation);
			List<Invalidation> full = splitter.add(invalidation);
			if (full != null) {
				messages.add(full);
			}
		}
		messages.add(splitter.rest());

		assertThat(messages).hasSizeGreaterThan(1);
		assertThat(messages.stream().flatMap(List::stream)).containsExactlyElementsOf(all);
		for (List<Invalidation> message : messages) {
			byte[] encoded = BusMessageCodec
				.encode(new BusMessage(BusMessage.Type.INVALIDATIONS, UUID.randomUUID(), 1, 1, 1L, message));
			assertThat(encoded.length).isLessThanOrEqualTo(BusMessageCodec.MAX_MESSAGE_BYTES);
		}
	}

	@Test
	void keyTooLargeForAnyMessageClearsItsCacheInstead() {
		MessageSplitter splitter = new MessageSplitter();

		assertThat(splitter.add(Invalidation.key("products", "k".repeat(BusMessageCodec.MAX_MESSAGE_BYTES)))).isNull();

		assertThat(splitter.rest()).containsExactly(Invalidation.all("products"));
	}

}
