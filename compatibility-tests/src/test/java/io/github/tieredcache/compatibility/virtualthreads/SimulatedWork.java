package io.github.tieredcache.compatibility.virtualthreads;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands for work that takes time, such as a JDBC query or a slow class initializer, by
 * parking the calling thread as the blocking call it replaces would. A virtual thread
 * leaves its carrier while parked, unless something pins it. Never used to wait for
 * something to happen.
 */
final class SimulatedWork {

	private SimulatedWork() {
	}

	static void take(Duration time) {
		long deadline = System.nanoTime() + time.toNanos();
		for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
