package io.github.tieredcache.cache;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Makes every thread the starter runs on: daemons, so that they never keep a JVM alive,
 * named {@code tiered-cache-...}, so that a thread dump shows whose they are. Whoever
 * creates an executor from these factories stops it when it is closed or stopped itself.
 *
 * <p>
 * Shared by the starter's own packages; not an extension point. Thread-safe.
 */
public final class CacheThreads {

	/**
	 * What every thread name starts with.
	 */
	public static final String NAME_PREFIX = "tiered-cache-";

	private CacheThreads() {
	}

	/**
	 * Returns a factory whose threads all have the same name, for an executor of one
	 * thread.
	 * @param name the name, starting with {@value #NAME_PREFIX}
	 * @return the factory
	 */
	public static ThreadFactory named(String name) {
		requirePrefix(name);
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Returns a factory whose threads are numbered: {@code prefix1}, {@code prefix2} and
	 * so on, for a pool.
	 * @param prefix the name before the number, starting with {@value #NAME_PREFIX} and
	 * usually ending with {@code -}
	 * @return the factory
	 */
	public static ThreadFactory numbered(String prefix) {
		requirePrefix(prefix);
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	private static void requirePrefix(String name) {
		Assert.isTrue(name != null && name.startsWith(NAME_PREFIX) && name.length() > NAME_PREFIX.length(),
				() -> "A thread name must start with '" + NAME_PREFIX + "' but was '" + name + "'");
	}

}
