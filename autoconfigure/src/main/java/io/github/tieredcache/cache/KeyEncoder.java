package io.github.tieredcache.cache;

/**
 * Turns a cache key into the last segment of its Redis key,
 * {@code {key-prefix}:{cache}:{segment}}.
 *
 * <p>
 * An encoder must be <em>stable</em> (the same key gives the same segment in every JVM
 * and every run) and <em>injective</em> (keys that are not equal never give the same
 * segment), or instances would read each other's entries for the wrong key.
 * Implementations must be thread-safe. Register a bean of this type to replace
 * {@link #standard()}.
 */
@FunctionalInterface
public interface KeyEncoder {

	/**
	 * Encodes a key.
	 * @param cacheName the cache the key belongs to, for error messages
	 * @param key the cache key
	 * @return the key's segment
	 * @throws IllegalArgumentException if the key has no stable string form; the message
	 * says how to fix it
	 */
	String encode(String cacheName, Object key);

	/**
	 * Returns the standard encoder: strings, numbers, booleans, enums, UUIDs and
	 * {@code java.time} values are written as themselves (so {@code products:42} stays
	 * readable in {@code redis-cli}); Spring's multi-argument {@code SimpleKey}s, arrays
	 * and collections become an escaped, unambiguous list of their elements; records and
	 * other types that override {@code toString()} use it. Types relying on
	 * {@code Object.toString()} (an identity hash) are rejected.
	 * @return the standard encoder
	 */
	static KeyEncoder standard() {
		return StandardKeyEncoder.INSTANCE;
	}

}
