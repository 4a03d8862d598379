package io.github.tieredcache.test.redis;

/**
 * Registers and removes JVM shutdown hooks, so that servers left open by a test (or the
 * shared server, which nobody closes) do not outlive the build.
 * <p>
 * Thread-safe. <strong>Hazard:</strong> a JVM killed with SIGKILL runs no hooks, so a
 * {@code redis-server} process started by it keeps running until killed by hand.
 */
final class ShutdownHooks {

	private ShutdownHooks() {
	}

	/**
	 * Run an action when the JVM exits.
	 * @param name the hook thread's name
	 * @param action the action
	 * @return the hook, for {@link #remove(Thread)}
	 */
	static Thread add(String name, Runnable action) {
		Thread hook = new Thread(action, name);
		Runtime.getRuntime().addShutdownHook(hook);
		return hook;
	}

	/**
	 * Forget a hook whose work is already done. Does nothing while the JVM is already
	 * shutting down.
	 * @param hook the hook returned by {@link #add(String, Runnable)}
	 */
	static void remove(Thread hook) {
		if (Thread.currentThread() == hook) {
			return;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down and the hook runs anyway
		}
	}

}
