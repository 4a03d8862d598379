package io.github.tieredcache.cache;

import org.jspecify.annotations.Nullable;

/**
 * Encodes one cache's keys, remembering the encoded form of recently used keys whose
 * every part is an immutable value ({@code Long}, {@code UUID}, records of such values, a
 * {@code SimpleKey} of them; see {@link StandardKeyEncoder#isValueKey(Object)}), so that
 * a hit does not build the same string again. Building it is most of an L1 hit's cost for
 * such keys: a {@code UUID} or a record is formatted, and the new string hashed. A
 * remembered key is returned only for a key {@linkplain Object#equals equal} to the one
 * it was built from, and value keys are never changed after they are built, so the form
 * returned is always the one the encoder would build.
 *
 * <p>
 * The memory is a fixed table of immutable slots, two per hash, written without locks: a
 * lookup that races with a write sees the old slot, the new one or none, each of them
 * right, and a key that finds neither is encoded as before. It is sized for twice the
 * L1's maximum size (at most {@value #MAX_SLOTS} slots, about 100 bytes each with the
 * key; 1,024 slots for a cache without L1) and allocated at the first value key. Keys of
 * other shapes, and every key of a custom {@link KeyEncoder}, whose results this class
 * cannot know to be stable, are encoded on every call.
 *
 * <p>
 * Thread-safe.
 */
final class EncodedKeys {

	static final int MAX_SLOTS = 1 << 16;

	private final String cacheName;

	private final KeyEncoder encoder;

	private final int size;

	private volatile @Nullable Slot @Nullable [] slots;

	EncodedKeys(String cacheName, KeyEncoder encoder, long keysToRemember) {
		this.cacheName = cacheName;
		this.encoder = encoder;
		this.size = (encoder == StandardKeyEncoder.INSTANCE) ? tableSize(keysToRemember) : 0;
	}

	private static int tableSize(long keysToRemember) {
		long wanted = Math.max(64, Math.min(MAX_SLOTS, 2 * keysToRemember));
		return Integer.highestOneBit((int) (wanted - 1)) << 1;
	}

	/**
	 * Returns the key's encoded form.
	 * @param key the application's key
	 * @return the form both tiers and the invalidation messages use
	 * @throws RuntimeException whatever the encoder throws for a key it cannot encode
	 */
	String encode(Object key) {
		if (this.size == 0 || key instanceof String || !StandardKeyEncoder.isValueKey(key)) {
			return this.encoder.encode(this.cacheName, key);
		}
		@Nullable Slot[] table = table();
		int hash = key.hashCode();
		int first = (hash ^ (hash >>> 16)) & (table.length - 1);
		int second = first ^ 1;
		Slot slot = table[first];
		if (slot != null && (slot.key == key || slot.key.equals(key))) {
			return slot.encoded;
		}
		slot = table[second];
		if (slot != null && (slot.key == key || slot.key.equals(key))) {
			return slot.encoded;
		}
		String encoded = this.encoder.encode(this.cacheName, key);
		// Fill an empty slot of the pair first; with both taken, a bit of the hash the
		// index did not use picks the one to replace
		int target = (table[first] == null) ? first
				: (table[second] == null) ? second : (((hash >>> 24) & 1) == 0) ? first : second;
		table[target] = new Slot(key, encoded);
		return encoded;
	}

	private @Nullable Slot[] table() {
		@Nullable Slot[] table = this.slots;
		if (table == null) {
			synchronized (this) {
				table = this.slots;
				if (table == null) {
					table = new Slot[this.size];
					this.slots = table;
				}
			}
		}
		return table;
	}

	/**
	 * A key and its encoded form. A record's fields are final: a slot read through a data
	 * race is seen whole.
	 */
	private record Slot(Object key, String encoded) {
	}

}
