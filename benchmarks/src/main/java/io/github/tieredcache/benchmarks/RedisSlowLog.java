package io.github.tieredcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Redis's own record of commands that ran longer than its {@code slowlog-log-slower-than}
 * threshold (10 ms by default). A client's latency also contains its own scheduling and
 * the network; the slow log tells whether Redis itself was blocked. Read-only: it never
 * changes the server's configuration or resets the log.
 */
final class RedisSlowLog {

	private static final int MAX_ENTRIES = 128;

	private final RedisCommands<byte[], byte[]> commands;

	RedisSlowLog(RedisCommands<byte[], byte[]> commands) {
		this.commands = commands;
	}

	/**
	 * Returns the threshold above which Redis logs a command.
	 * @return a description such as {@code 10000 µs}, or why it cannot be read
	 */
	String threshold() {
		try {
			return this.commands.configGet("slowlog-log-slower-than").get("slowlog-log-slower-than") + " µs";
		}
		catch (RedisException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	/**
	 * Returns the id of the newest entry, to pass to {@link #since(long)} later.
	 * @return the id, or {@code -1} when the log is empty or cannot be read
	 */
	long mark() {
		try {
			List<Object> newest = this.commands.slowlogGet(1);
			return newest.isEmpty() ? -1 : (Long) ((List<?>) newest.get(0)).get(0);
		}
		catch (RedisException ex) {
			return -1;
		}
	}

	/**
	 * Returns the commands logged after the given mark, newest first.
	 * @param mark a value returned by {@link #mark()}
	 * @return each command's name and duration, e.g. {@code UNLINK 12.3 ms}
	 */
	List<String> since(long mark) {
		List<String> slow = new ArrayList<>();
		List<Object> entries;
		try {
			entries = this.commands.slowlogGet(MAX_ENTRIES);
		}
		catch (RedisException ex) {
			return List.of("slow log not readable: " + ex.getMessage());
		}
		for (Object entry : entries) {
			List<?> fields = (List<?>) entry;
			if ((Long) fields.get(0) <= mark) {
				break;
			}
			long micros = (Long) fields.get(2);
			List<?> arguments = (List<?>) fields.get(3);
			String name = arguments.isEmpty() ? "?" : text(arguments.get(0));
			slow.add(String.format(Locale.ROOT, "%s %.1f ms", name.toUpperCase(Locale.ROOT), micros / 1000.0));
		}
		return slow;
	}

	private static String text(Object argument) {
		return (argument instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: String.valueOf(argument);
	}

}
