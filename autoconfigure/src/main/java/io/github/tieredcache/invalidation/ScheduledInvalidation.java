package io.github.tieredcache.invalidation;

/**
 * A delayed invalidation that has not necessarily run yet. Thread-safe.
 */
public interface ScheduledInvalidation {

	/**
	 * Cancels the invalidation unless it has already started.
	 * @return whether it was cancelled
	 */
	boolean cancel();

	/**
	 * Returns whether the invalidation ran or was cancelled.
	 * @return whether it is done
	 */
	boolean isDone();

}
