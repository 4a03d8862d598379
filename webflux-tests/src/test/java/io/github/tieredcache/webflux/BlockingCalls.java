package io.github.tieredcache.webflux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Records every blocking call BlockHound detects on a thread that must not block (Netty's
 * event loops, Reactor's parallel and single schedulers), before failing it as BlockHound
 * does by default. A failure thrown on a server thread may end up as nothing more than a
 * {@code 500} or a counted Redis error; the record lets a test name the call and where it
 * came from. Installed, with the integrations of Reactor, Netty and Spring, by
 * {@code blockhound-junit-platform} before the first test (registered in
 * {@code META-INF/services}); applied after them, so its callback is the one in force.
 */
public final class BlockingCalls implements BlockHoundIntegration {

	// Lock-free: the callback runs on the thread that must not block
	private static final Queue<BlockingCall> calls = new ConcurrentLinkedQueue<>();

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.blockingMethodCallback((method) -> {
			calls.add(new BlockingCall(method, Thread.currentThread().getName(),
					Arrays.asList(new Throwable().getStackTrace())));
			throw new BlockingOperationError(method);
		});
	}

	@Override
	public int getPriority() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Returns the calls detected since the last call and forgets them.
	 */
	static List<BlockingCall> drain() {
		List<BlockingCall> drained = new ArrayList<>();
		for (BlockingCall call = calls.poll(); call != null; call = calls.poll()) {
			drained.add(call);
		}
		return drained;
	}

	/**
	 * A blocking call on a thread that must not block.
	 *
	 * @param method the blocking JDK method
	 * @param thread the thread's name
	 * @param stack the stack at the call
	 */
	record BlockingCall(BlockingMethod method, String thread, List<StackTraceElement> stack) {

		@Override
		public String toString() {
			return this.method + " on " + this.thread
					+ this.stack.stream()
						.filter((frame) -> !frame.getClassName().startsWith("reactor.blockhound."))
						.map((frame) -> "\n\tat " + frame)
						.collect(Collectors.joining());
		}

	}

}
