package io.github.tieredcache.cache.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Runs each command on a connection borrowed from the factory, for factories that share
 * no Lettuce connection (Jedis, or Lettuce with {@code shareNativeConnection=false}).
 * Each command is then bounded by the factory's own timeout (Spring Boot's
 * {@code spring.data.redis.timeout}), not by the cache's.
 *
 * <p>
 * Thread-safe: each call borrows its own connection.
 */
final class ConnectionFactoryCommands implements TierCommands {

	private final RedisConnectionFactory connectionFactory;

	private final ScriptDigests digests = new ScriptDigests();

	ConnectionFactoryCommands(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public byte @Nullable [] get(byte[] key) {
		return execute((connection) -> connection.stringCommands().get(key));
	}

	@Override
	public void set(byte[] key, byte[] value, long ttlMillis) {
		execute((connection) -> connection.stringCommands()
			.set(key, value, SetCondition.upsert(), Expiration.milliseconds(ttlMillis)));
	}

	/**
	 * Pipelines the writes on one borrowed connection; a cluster connection, which cannot
	 * pipeline across nodes, writes them one after another.
	 */
	@Override
	public void setAll(byte[][] keys, byte[][] values, long[] ttlMillis) {
		execute((connection) -> {
			boolean pipelined = !(connection instanceof RedisClusterConnection);
			if (pipelined) {
				connection.openPipeline();
			}
			try {
				for (int i = 0; i < keys.length; i++) {
					connection.stringCommands()
						.set(keys[i], values[i], SetCondition.upsert(), Expiration.milliseconds(ttlMillis[i]));
				}
			}
			finally {
				if (pipelined) {
					connection.closePipeline();
				}
			}
			return null;
		});
	}

	@Override
	public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
		Boolean written = execute((connection) -> connection.stringCommands()
			.set(key, value, SetCondition.ifAbsent(), Expiration.milliseconds(ttlMillis)));
		return Boolean.TRUE.equals(written);
	}

	@Override
	public byte @Nullable [] setIfAbsentGet(byte[] key, byte[] value, long ttlMillis) {
		return execute((connection) -> connection.stringCommands()
			.setGet(key, value, SetCondition.ifAbsent(), Expiration.milliseconds(ttlMillis)));
	}

	@Override
	public long unlink(byte[]... keys) {
		Long removed = execute((connection) -> connection.keyCommands().unlink(keys));
		return (removed != null) ? removed : 0;
	}

	@Override
	public byte @Nullable [] evalValue(byte[] script, byte[] key, byte[]... args) {
		return evaluate(script, ReturnType.VALUE, key, args);
	}

	@Override
	public long evalInteger(byte[] script, byte[] key, byte[]... args) {
		Long result = evaluate(script, ReturnType.INTEGER, key, args);
		return (result != null) ? result : 0;
	}

	@Override
	public long unlinkMatching(byte[] pattern, int batchSize) {
		ScanOptions options = ScanOptions.scanOptions().match(pattern).count(batchSize).build();
		Long removed = execute((connection) -> {
			if (connection instanceof RedisClusterConnection cluster) {
				long total = 0;
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						total += unlinkAll(connection, cluster.scan(node, options), batchSize);
					}
				}
				return total;
			}
			return unlinkAll(connection, connection.keyCommands().scan(options), batchSize);
		});
		return (removed != null) ? removed : 0;
	}

	@Override
	public List<byte[]> evalList(byte[] script, byte[] key, byte[]... args) {
		List<byte[]> result = evaluate(script, ReturnType.MULTI, key, args);
		return (result != null) ? result : List.of();
	}

	/**
	 * {@code EVALSHA}, falling back to {@code EVAL} (which also loads the script) when
	 * Redis does not hold it.
	 */
	private <T> @Nullable T evaluate(byte[] script, ReturnType type, byte[] key, byte[][] args) {
		String digest = this.digests.of(script);
		byte[][] keysAndArgs = keysAndArgs(key, args);
		try {
			return execute((connection) -> connection.scriptingCommands().evalSha(digest, type, 1, keysAndArgs));
		}
		catch (RuntimeException ex) {
			if (!ScriptDigests.isNoScript(ex)) {
				throw ex;
			}
		}
		return execute((connection) -> connection.scriptingCommands().eval(script, type, 1, keysAndArgs));
	}

	@Override
	public long publish(byte[] channel, byte[] message) {
		Long receivers = execute((connection) -> connection.publish(channel, message));
		return (receivers != null) ? receivers : 0;
	}

	private static long unlinkAll(RedisConnection connection, Cursor<byte[]> keys, int batchSize) {
		long removed = 0;
		try (keys) {
			List<byte[]> batch = new ArrayList<>(batchSize);
			while (keys.hasNext()) {
				batch.add(keys.next());
				if (batch.size() == batchSize) {
					removed += unlink(connection, batch);
					batch.clear();
				}
			}
			removed += unlink(connection, batch);
		}
		return removed;
	}

	private static long unlink(RedisConnection connection, List<byte[]> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		Long removed = connection.keyCommands().unlink(batch.toArray(byte[][]::new));
		return (removed != null) ? removed : 0;
	}

	private static byte[][] keysAndArgs(byte[] key, byte[][] args) {
		byte[][] all = new byte[args.length + 1][];
		all[0] = key;
		System.arraycopy(args, 0, all, 1, args.length);
		return all;
	}

	private <T> @Nullable T execute(Function<RedisConnection, @Nullable T> action) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return action.apply(connection);
		}
	}

}
