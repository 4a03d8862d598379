package io.github.tieredcache.warming;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Names the threads warming runs on, all daemons so that they never keep a JVM alive.
 */
final class WarmingThreads {

	private WarmingThreads() {
	}

	static ThreadFactory named(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

}
