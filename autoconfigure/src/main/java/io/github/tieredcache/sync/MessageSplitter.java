package io.github.tieredcache.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.tieredcache.cache.Invalidation;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a batch of invalidations into messages that fit {@link BusMessageCodec}'s size
 * limit. An invalidation too large for any message (a huge key or pattern) becomes a
 * clear of its whole cache. Not thread-safe.
 */
final class MessageSplitter {

	private static final int EMPTY_MESSAGE_BYTES = BusMessageCodec.HEADER_BYTES + 4;

	private static final int MAX_ENTRIES = 0xFFFF;

	private List<Invalidation> current = new ArrayList<>();

	private final Set<String> names = new HashSet<>();

	private int bytes = EMPTY_MESSAGE_BYTES;

	/**
	 * Adds an invalidation.
	 * @return the previous message's invalidations if this one did not fit with them,
	 * otherwise {@code null}
	 */
	@Nullable List<Invalidation> add(Invalidation invalidation) {
		Invalidation entry = invalidation;
		if (EMPTY_MESSAGE_BYTES + cost(entry, false) > BusMessageCodec.MAX_MESSAGE_BYTES) {
			entry = Invalidation.all(invalidation.cacheName());
		}
		List<Invalidation> full = null;
		int cost = cost(entry, this.names.contains(entry.cacheName()));
		if (this.bytes + cost > BusMessageCodec.MAX_MESSAGE_BYTES || this.current.size() == MAX_ENTRIES) {
			full = rest();
			cost = cost(entry, false);
		}
		this.current.add(entry);
		this.names.add(entry.cacheName());
		this.bytes += cost;
		return full;
	}

	/**
	 * Returns the invalidations not yet returned, and starts afresh.
	 */
	List<Invalidation> rest() {
		List<Invalidation> taken = this.current;
		this.current = new ArrayList<>();
		this.names.clear();
		this.bytes = EMPTY_MESSAGE_BYTES;
		return taken;
	}

	private static int cost(Invalidation invalidation, boolean nameKnown) {
		return BusMessageCodec.entryBytes(invalidation)
				+ (nameKnown ? 0 : BusMessageCodec.nameBytes(invalidation.cacheName()));
	}

}
