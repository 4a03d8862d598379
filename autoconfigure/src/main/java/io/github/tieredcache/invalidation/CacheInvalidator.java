package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Invalidates cache entries from application code, in both tiers and on every instance.
 *
 * <p>
 * Called inside a Spring-managed transaction, an invalidation waits for the commit and is
 * dropped on a rollback: invalidating before the commit would let a concurrent reader
 * load and cache the old, still-committed data. Outside a transaction it happens at once.
 * Pattern invalidation walks Redis with {@code SCAN}, never {@code KEYS}.
 *
 * <p>
 * Thread-safe. Unknown caches are ignored when caches are created on demand (there is
 * nothing to invalidate) and rejected otherwise.
 */
public interface CacheInvalidator {

	/**
	 * Invalidates one key.
	 * @param cacheName the cache
	 * @param key the key, as the cache's callers pass it
	 */
	void invalidate(String cacheName, Object key);

	/**
	 * Invalidates a whole cache.
	 * @param cacheName the cache
	 */
	void invalidateAll(String cacheName);

	/**
	 * Invalidates every key of a cache whose encoded form matches a glob ({@code *},
	 * {@code ?}, {@code [abc]}, {@code \} escapes), e.g. {@code "user:42:*"}.
	 * @param cacheName the cache
	 * @param pattern the glob
	 */
	void invalidatePattern(String cacheName, String pattern);

	/**
	 * Invalidates every entry, in any cache, that was cached with a tag
	 * ({@code @Cached(tags = ...)}).
	 * @param tag the tag
	 */
	void invalidateTag(String tag);

	/**
	 * Publishes a named event: every {@code @InvalidateOn(name = ...)} and configured
	 * rule for that name applies, with {@code #event} bound to the context map.
	 * @param name the event name
	 * @param context the event's data, e.g. {@code Map.of("chain", "eth")}
	 */
	void publish(String name, Map<String, ?> context);

	/**
	 * Runs invalidations after a delay (counted from the commit, inside a transaction),
	 * for example to outlast replica lag.
	 * @param delay how long to wait
	 * @param invalidation what to invalidate, given this invalidator
	 * @return a handle to cancel it
	 */
	ScheduledInvalidation schedule(Duration delay, Consumer<CacheInvalidator> invalidation);

}
