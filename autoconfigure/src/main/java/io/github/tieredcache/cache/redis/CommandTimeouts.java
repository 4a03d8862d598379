package io.github.tieredcache.cache.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.tieredcache.cache.CacheThreads;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;

/**
 * Fails asynchronous Redis commands that outlive their timeout, for
 * {@link SharedLettuceCommands}. A hashed wheel (Netty's, as Lettuce uses for its own
 * timeouts) costs a command one queue insertion and, when the reply comes first, one
 * cancellation, and wakes no thread; a timeout fires within one tick (10 ms) after it is
 * due. Expiring hands the failure to an executor, so that whatever the caller chained to
 * the command (loading the value instead) never runs on the wheel's thread.
 *
 * <p>
 * One wheel and its daemon thread ({@code tiered-cache-redis-timeouts}) serve every cache
 * of the JVM, started on first use; like Lettuce's own timer, it lives as long as the
 * JVM. Thread-safe.
 */
final class CommandTimeouts {

	private static final long TICK_MILLIS = 10;

	private CommandTimeouts() {
	}

	/**
	 * Fails a pending reply once the timeout has run out, unless it completed before.
	 * @param reply the reply to bound
	 * @param timeoutNanos the timeout
	 * @param failure the exception to fail it with
	 * @param executor where the failure is delivered
	 */
	static void bound(CompletableFuture<?> reply, long timeoutNanos, Supplier<? extends Throwable> failure,
			Executor executor) {
		Timeout timeout = Wheel.TIMER.newTimeout((expired) -> {
			if (!reply.isDone()) {
				executor.execute(() -> reply.completeExceptionally(failure.get()));
			}
		}, timeoutNanos, TimeUnit.NANOSECONDS);
		reply.whenComplete((value, error) -> timeout.cancel());
	}

	/**
	 * Holds the wheel, so that it starts only when a command first needs it.
	 */
	private static final class Wheel {

		static final HashedWheelTimer TIMER = new HashedWheelTimer(
				CacheThreads.named(CacheThreads.NAME_PREFIX + "redis-timeouts"), TICK_MILLIS, TimeUnit.MILLISECONDS);

	}

}
