package io.github.tieredcache.actuate;

/**
 * Checks whether the shared tier (L2) answers, within a short bound, for health checks
 * and diagnostics. Never part of a cache call.
 *
 * <p>
 * Implementations must be thread-safe, never throw, and never report connection details
 * such as credentials.
 */
public interface RemoteTierProbe {

	/**
	 * Sends the store a round trip (a Redis {@code PING}) and times it.
	 * @return whether the store answered, and how fast
	 */
	RemoteTierStatus ping();

	/**
	 * Like {@link #ping()}, and also reads the store's memory figures when it answers.
	 * @return the store's state
	 */
	RemoteTierStatus inspect();

}
