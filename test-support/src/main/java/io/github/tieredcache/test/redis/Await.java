package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for servers to come up or go away. Every wait has a deadline, so a broken
 * server fails a test instead of hanging the build.
 * <p>
 * Stateless and thread-safe. An interrupt ends the wait with an
 * {@link IllegalStateException} and keeps the thread's interrupt flag set.
 */
final class Await {

	private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

	private static final long POLL_MILLIS = 50;

	private Await() {
	}

	/**
	 * Wait until a server answers {@code PING}.
	 * @param endpoint the server
	 * @param timeout how long to wait in total
	 * @param alive whether the server can still come up; once false, waiting stops
	 * @param what the server, for the failure message, for example "redis-server pid 42"
	 * @throws IllegalStateException if the server exits or the timeout passes first
	 */
	static void pong(RedisEndpoint endpoint, Duration timeout, BooleanSupplier alive, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!endpoint.answersPing(PING_TIMEOUT)) {
			if (!alive.getAsBoolean()) {
				throw new IllegalStateException(what + " exited before answering PING on " + endpoint.address());
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(what + " did not answer PING on " + endpoint.address() + " within "
						+ timeout.toSeconds() + " s");
			}
			sleep();
		}
	}

	/**
	 * Wait until a condition holds.
	 * @param condition the condition
	 * @param timeout how long to wait in total
	 * @return {@code true} if it held before the timeout
	 */
	static boolean until(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			sleep();
		}
		return true;
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a Redis server", ex);
		}
	}

}
