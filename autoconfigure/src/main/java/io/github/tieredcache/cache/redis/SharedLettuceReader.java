package io.github.tieredcache.cache.redis;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Reads entries with {@code GET} straight on the Lettuce connection that a
 * {@link LettuceConnectionFactory} shares between all its users (the default), within the
 * factory's command timeout. Borrowing a Spring Data connection per read costs an L2 hit
 * a measurable share of its round trip; the shared connection is the one those borrowed
 * connections would use anyway, so topology (standalone, Sentinel, Cluster), TLS,
 * credentials and Lettuce observation are unchanged.
 *
 * <p>
 * Thread-safe: Lettuce connections are. After a failure the shared connection is looked
 * up again through the factory, which re-creates it if it was reset.
 */
final class SharedLettuceReader implements EntryReader {

	private final LettuceConnectionFactory connectionFactory;

	private final long timeoutNanos;

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	SharedLettuceReader(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = (LettuceConnectionFactory) connectionFactory;
		this.timeoutNanos = this.connectionFactory.getClientConfiguration().getCommandTimeout().toNanos();
	}

	static boolean supports(RedisConnectionFactory connectionFactory) {
		return connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.getShareNativeConnection();
	}

	@Override
	public byte @Nullable [] read(byte[] key) {
		RedisClusterAsyncCommands<byte[], byte[]> shared = this.commands;
		if (shared == null) {
			shared = sharedCommands();
		}
		try {
			return LettuceFutures.awaitOrCancel(shared.get(key), this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			this.commands = null;
			throw ex;
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> sharedCommands() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> shared = ((LettuceConnection) connection).getNativeConnection();
			this.commands = shared;
			return shared;
		}
	}

}
