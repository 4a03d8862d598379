package io.github.tieredcache.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis outages that circuit breakers in this JVM have declared and logged, so that
 * while one lasts the other components do not log each failed Redis call as a warning of
 * its own: the breaker logs the outage when it starts, reminds of it at a limited rate
 * and logs when it ends.
 *
 * <p>
 * Thread-safe.
 */
public final class RedisOutages {

	private static final Set<Object> declared = ConcurrentHashMap.newKeySet();

	private RedisOutages() {
	}

	/**
	 * Records that an outage has started and been logged.
	 * @param source what declared it (a breaker), ended with {@link #ended(Object)}
	 */
	public static void started(Object source) {
		declared.add(source);
	}

	/**
	 * Records that the outage a source declared has ended (or that the source is gone).
	 * @param source what declared it
	 */
	public static void ended(Object source) {
		declared.remove(source);
	}

	/**
	 * Returns whether an outage declared by any source lasts.
	 * @return {@code true} while one does
	 */
	public static boolean declared() {
		return !declared.isEmpty();
	}

}
