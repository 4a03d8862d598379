package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's Redis, in one topology: how the instances connect to it, and the faults it
 * can suffer.
 */
interface SoakRedis extends AutoCloseable {

	/** The sample's write-behind stream of view counts. */
	String WRITE_BEHIND_STREAM = "exploit-intel:~write-behind:{exploit-intel:exploit-views}";

	/** Policies a {@link FaultKind#MAXMEMORY} fault chooses from. */
	List<String> EVICTION_POLICIES = List.of("allkeys-lru", "volatile-lru", "noeviction");

	/**
	 * Returns the application arguments that connect one instance to Redis.
	 * @param instance the instance's index
	 * @return the arguments, {@code --name=value}
	 */
	List<String> applicationArguments(int instance);

	/**
	 * Returns the faults of Redis and the network this topology can suffer.
	 * @param instances how many application instances there are
	 * @return the faults
	 */
	List<Fault> faults(int instances);

	/**
	 * Returns how many view counts wait in Redis for the database: keys in the sample's
	 * write-behind pending hash.
	 * @return the number of keys with a queued write
	 */
	long queuedWrites();

	/**
	 * Returns the sample's write-behind dead letters, as {@code XRANGE} renders them.
	 * @return the dead letters, or {@code []} when there are none
	 */
	String deadLetters();

	/**
	 * Describes the deployment, for the report.
	 * @return the description
	 */
	String describe();

	@Override
	void close();

	/**
	 * Draws a duration between two bounds.
	 * @param random the source
	 * @param min the shortest
	 * @param max the longest
	 * @return the duration
	 */
	static Duration between(SplittableRandom random, Duration min, Duration max) {
		long span = max.toMillis() - min.toMillis();
		return min.plusMillis((span > 0) ? random.nextLong(span + 1) : 0);
	}

	/**
	 * Computes a {@code maxmemory} below what Redis holds now: its memory at start-up
	 * plus 70% of what it gained since, so the data set must shrink by about a third.
	 * @param info the reply to {@code INFO memory}
	 * @return the limit in bytes
	 */
	static long limitBelowUsage(String info) {
		long used = field(info, "used_memory");
		long startup = field(info, "used_memory_startup");
		return startup + Math.max(64 * 1024, (long) ((used - startup) * 0.7));
	}

	private static long field(String info, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + ":(\\d+)").matcher(info);
		if (!matcher.find()) {
			throw new IllegalStateException("INFO memory has no " + name + ": " + info);
		}
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * Formats a number of bytes in KiB or MiB.
	 * @param bytes the bytes
	 * @return the text
	 */
	static String bytes(long bytes) {
		return (bytes < 1024 * 1024) ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0)
				: String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
	}

}
