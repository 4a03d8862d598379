package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Bounded waits, with Awaitility, for servers to come up or go away. Every wait has a
 * deadline, so a broken server fails a test instead of hanging the build.
 * <p>
 * Stateless and thread-safe.
 */
final class Await {

	private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

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
		try {
			within(timeout).failFast(() -> !alive.getAsBoolean()).until(() -> endpoint.answersPing(PING_TIMEOUT));
		}
		catch (TerminalFailureException ex) {
			throw new IllegalStateException(what + " exited before answering PING on " + endpoint.address(), ex);
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					what + " did not answer PING on " + endpoint.address() + " within " + timeout.toSeconds() + " s",
					ex);
		}
	}

	/**
	 * Wait until a condition holds.
	 * @param condition the condition
	 * @param timeout how long to wait in total
	 * @return {@code true} if it held before the timeout
	 */
	static boolean until(BooleanSupplier condition, Duration timeout) {
		try {
			within(timeout).until(condition::getAsBoolean);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static ConditionFactory within(Duration timeout) {
		return Awaitility.await()
			.atMost(timeout)
			.pollInterval(POLL_INTERVAL)
			.pollDelay(Duration.ZERO)
			.pollInSameThread();
	}

}
