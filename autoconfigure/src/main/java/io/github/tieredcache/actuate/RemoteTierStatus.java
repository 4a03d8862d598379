package io.github.tieredcache.actuate;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link RemoteTierProbe} found out about the shared tier. Immutable.
 *
 * @param reachable whether the store answered within the bound
 * @param latency how long the round trip took, or how long the probe waited when the
 * store did not answer
 * @param error why the store is unreachable (an exception class and message, never
 * connection details), or {@code null} when it is reachable
 * @param usedMemory bytes of memory the store uses (Redis {@code used_memory}), or
 * {@code null} when unknown
 * @param evictedKeys keys the store evicted for lack of memory (Redis
 * {@code evicted_keys}), or {@code null} when unknown
 */
public record RemoteTierStatus(boolean reachable, Duration latency, @Nullable String error, @Nullable Long usedMemory,
		@Nullable Long evictedKeys) {

	/**
	 * Returns the status of a store that answered.
	 * @param latency the round-trip time
	 * @return the status
	 */
	public static RemoteTierStatus reachable(Duration latency) {
		return new RemoteTierStatus(true, latency, null, null, null);
	}

	/**
	 * Returns the status of a store that did not answer.
	 * @param waited how long the probe waited
	 * @param error why, without connection details
	 * @return the status
	 */
	public static RemoteTierStatus unreachable(Duration waited, String error) {
		return new RemoteTierStatus(false, waited, error, null, null);
	}

	/**
	 * Returns a copy with the store's memory figures.
	 * @param usedMemory bytes of memory used, or {@code null}
	 * @param evictedKeys keys evicted, or {@code null}
	 * @return the copy
	 */
	public RemoteTierStatus withMemory(@Nullable Long usedMemory, @Nullable Long evictedKeys) {
		return new RemoteTierStatus(this.reachable, this.latency, this.error, usedMemory, evictedKeys);
	}

}
