package io.github.tieredcache.testing;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The system of record behind a cache in fault tests: each key has a version that writers
 * bump, and reads return {@code key@version}, so a stale cached value is easy to spot.
 */
public final class VersionedSource {

	private final AtomicLongArray versions;

	public VersionedSource(int size) {
		this.versions = new AtomicLongArray(size);
	}

	public int size() {
		return this.versions.length();
	}

	public String read(int key) {
		return key + "@" + this.versions.get(key);
	}

	/**
	 * Bumps a key's version, as an update of the record would.
	 * @param key the key
	 */
	public void update(int key) {
		this.versions.incrementAndGet(key);
	}

}
