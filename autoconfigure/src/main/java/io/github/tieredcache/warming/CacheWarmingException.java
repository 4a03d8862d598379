package io.github.tieredcache.warming;

import java.util.List;

/**
 * Thrown at start-up, when {@code tiered-cache.warming.fail-fast} is set, if a warmer
 * failed or start-up warming did not finish in time.
 */
public class CacheWarmingException extends RuntimeException {

	private final List<WarmerState> failed;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param failed the warmers that failed, timed out or were still running
	 */
	public CacheWarmingException(String message, List<WarmerState> failed) {
		super(message);
		this.failed = List.copyOf(failed);
	}

	/**
	 * Returns the warmers that failed, timed out or were still running.
	 * @return the warmers
	 */
	public List<WarmerState> getFailed() {
		return this.failed;
	}

}
