package io.github.tieredcache.cache;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a write or an invalidation removed from one cache, in a form every instance
 * understands: encoded keys and globs over them, never the application's key objects.
 * Another instance applies it to its L1 with
 * {@link TieredCacheManager#invalidateLocally(Invalidation)}.
 *
 * @param cacheName the cache
 * @param scope what the target names
 * @param target the encoded key for {@link Scope#KEY}, the glob for
 * {@link Scope#PATTERN}, {@code null} for {@link Scope#ALL}
 */
public record Invalidation(String cacheName, Scope scope, @Nullable String target) {

	/**
	 * Checks that the target fits the scope.
	 */
	public Invalidation {
		Objects.requireNonNull(cacheName, "cacheName must not be null");
		Objects.requireNonNull(scope, "scope must not be null");
		if ((scope == Scope.ALL) != (target == null)) {
			throw new IllegalArgumentException(
					"An invalidation of scope " + scope + ((target == null) ? " needs a target" : " takes no target"));
		}
	}

	/**
	 * One key.
	 * @param cacheName the cache
	 * @param encodedKey the key as the cache's {@link KeyEncoder} wrote it
	 * @return the invalidation
	 */
	public static Invalidation key(String cacheName, String encodedKey) {
		return new Invalidation(cacheName, Scope.KEY, encodedKey);
	}

	/**
	 * Every key whose encoded form matches a glob.
	 * @param cacheName the cache
	 * @param glob a glob as in Redis {@code SCAN MATCH}
	 * @return the invalidation
	 */
	public static Invalidation pattern(String cacheName, String glob) {
		return new Invalidation(cacheName, Scope.PATTERN, glob);
	}

	/**
	 * The whole cache.
	 * @param cacheName the cache
	 * @return the invalidation
	 */
	public static Invalidation all(String cacheName) {
		return new Invalidation(cacheName, Scope.ALL, null);
	}

	/**
	 * What an invalidation covers.
	 */
	public enum Scope {

		/**
		 * One key.
		 */
		KEY,

		/**
		 * The keys matching a glob.
		 */
		PATTERN,

		/**
		 * Every key of the cache.
		 */
		ALL

	}

}
