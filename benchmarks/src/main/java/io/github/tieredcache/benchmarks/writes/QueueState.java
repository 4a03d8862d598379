package io.github.tieredcache.benchmarks.writes;

import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessages;

/**
 * What a cache's write-behind queue holds in Redis, read from outside the application:
 * the stream's length, the keys with a queued write, and the entries each consumer holds
 * unacknowledged. Consumers are named {@code pid@host/...} by the library, so a killed
 * process's entries can be counted by its pid. Thread-safe: one Lettuce connection, which
 * several threads may share.
 */
final class QueueState implements AutoCloseable {

	private static final String GROUP = "tiered-cache";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	private final String stream;

	QueueState(String redisUrl, String keyPrefix, String cache) {
		this.client = RedisClient.create(redisUrl);
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
		this.stream = keyPrefix + ":~write-behind:{" + keyPrefix + ":" + cache + "}";
	}

	/**
	 * Returns whether no write is queued: the stream is empty and no key has a pending
	 * write.
	 * @return whether the queue drained
	 */
	boolean drained() {
		return this.commands.xlen(this.stream) == 0 && this.commands.hlen(this.stream + ":pending") == 0;
	}

	/**
	 * Returns the entries delivered to the consumers of a process and not acknowledged.
	 * @param pid the process
	 * @return the entries its consumers hold
	 */
	long heldBy(long pid) {
		if (this.commands.exists(this.stream) == 0) {
			return 0;
		}
		PendingMessages pending = this.commands.xpending(this.stream, GROUP);
		long held = 0;
		for (Map.Entry<String, Long> consumer : pending.getConsumerMessageCount().entrySet()) {
			if (consumer.getKey().startsWith(pid + "@")) {
				held += consumer.getValue();
			}
		}
		return held;
	}

	String describe() {
		return this.stream + ": length " + this.commands.xlen(this.stream) + ", keys pending "
				+ this.commands.hlen(this.stream + ":pending");
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
