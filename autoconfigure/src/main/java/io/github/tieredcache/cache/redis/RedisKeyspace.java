package io.github.tieredcache.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Redis keys of one cache: {@code {key-prefix}:{cache}:{segment}}. The cache name is
 * escaped ({@code %}, {@code :} and {@code ~} are percent-encoded, {@code ~} being
 * reserved for the library's own keys) so that clearing cache {@code a} can never match
 * the keys of a cache named {@code a:b}. A segment longer than the configured maximum is
 * replaced by {@code ~h:} and its SHA-256 digest.
 *
 * <p>
 * Immutable and thread-safe.
 */
final class RedisKeyspace {

	private final int maxSegmentLength;

	private final String namespace;

	RedisKeyspace(String keyPrefix, String cacheName, int maxSegmentLength) {
		this.maxSegmentLength = maxSegmentLength;
		this.namespace = keyPrefix + ":" + escapeCacheName(cacheName) + ":";
	}

	/**
	 * Returns the Redis key of an encoded cache key.
	 * @param key the cache key as its {@code KeyEncoder} wrote it
	 * @return the Redis key, UTF-8 encoded
	 */
	byte[] key(String key) {
		String segment = key;
		if (segment.length() > this.maxSegmentLength) {
			segment = "~h:" + sha256(segment);
		}
		return (this.namespace + segment).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a {@code SCAN MATCH} pattern for the keys of this cache whose encoded form
	 * matches a glob. Hashed (over-long) keys never match a pattern other than {@code *}.
	 * @param glob a Redis glob over the encoded key ({@code *}, {@code ?}, {@code [..]})
	 * @return the glob pattern, UTF-8 encoded
	 */
	byte[] keysMatching(String glob) {
		return (escapeGlob(this.namespace) + glob).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the prefix shared by every key of this cache.
	 * @return {@code {key-prefix}:{cache}:}
	 */
	String namespace() {
		return this.namespace;
	}

	private static String escapeCacheName(String cacheName) {
		return cacheName.replace("%", "%25").replace(":", "%3A").replace("~", "%7E");
	}

	private static String escapeGlob(String literal) {
		StringBuilder escaped = new StringBuilder(literal.length() + 4);
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	private static String sha256(String segment) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(segment.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
