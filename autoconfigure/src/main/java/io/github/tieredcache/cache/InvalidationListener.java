package io.github.tieredcache.cache;

/**
 * Told about every change a {@link TieredCache} made on this instance that leaves other
 * instances' L1 copies stale: a put, an eviction, a clear, a pattern invalidation. Loads
 * and fills are not reported (they change no one's data). Called after the shared tier
 * acknowledged the change, so a peer that drops its copy and reads again gets the new
 * state. The cross-instance invalidation bus implements this.
 *
 * <p>
 * Called on the caller's thread: implementations must be thread-safe, quick and must not
 * throw.
 */
@FunctionalInterface
public interface InvalidationListener {

	/**
	 * A listener that does nothing, for a single instance.
	 */
	InvalidationListener NONE = (invalidation) -> {
	};

	/**
	 * Called after a change.
	 * @param invalidation what other instances must drop
	 */
	void invalidated(Invalidation invalidation);

}
