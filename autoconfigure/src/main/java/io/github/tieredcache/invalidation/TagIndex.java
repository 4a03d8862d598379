package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.Collection;

/**
 * Remembers which cache entries carry which tag, so that one tag invalidation can remove
 * related entries across caches. Entries are named by cache and encoded key, the form
 * every instance shares. Memberships expire with the entries they point to; a stale
 * membership only costs a harmless eviction of an absent key.
 *
 * <p>
 * Implementations must be thread-safe.
 */
public interface TagIndex {

	/**
	 * Records that an entry carries tags.
	 * @param cacheName the entry's cache
	 * @param encodedKey the entry's encoded key
	 * @param tags the tags
	 * @param ttl how long the entry lives
	 */
	void tag(String cacheName, String encodedKey, Collection<String> tags, Duration ttl);

	/**
	 * Removes a tag and returns the entries that carried it.
	 * @param tag the tag
	 * @return the entries
	 */
	Collection<TaggedKey> remove(String tag);

	/**
	 * A tagged entry.
	 *
	 * @param cacheName the cache
	 * @param encodedKey the encoded key
	 */
	record TaggedKey(String cacheName, String encodedKey) {

	}

}
