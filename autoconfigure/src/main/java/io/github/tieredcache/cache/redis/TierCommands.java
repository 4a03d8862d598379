package io.github.tieredcache.cache.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The few Redis commands the tier uses, each bounded by a timeout, kept apart from the
 * tier's logic so they can take the shortest route to Redis the connection factory
 * allows.
 *
 * <p>
 * Implementations are thread-safe and throw a {@link RuntimeException} when Redis cannot
 * answer in time.
 */
interface TierCommands {

	/**
	 * Reads the bytes stored under a key.
	 * @param key the Redis key
	 * @return the bytes, or {@code null} when the key does not exist
	 */
	byte @Nullable [] get(byte[] key);

	/**
	 * Writes a value with a time-to-live, replacing any previous one.
	 * @param key the Redis key
	 * @param value the bytes
	 * @param ttlMillis the time-to-live in milliseconds
	 */
	void set(byte[] key, byte[] value, long ttlMillis);

	/**
	 * Writes several values with their time-to-live, replacing any previous ones, in one
	 * pipeline where the connection allows it. Not atomic together.
	 * @param keys the Redis keys
	 * @param values the bytes, one per key
	 * @param ttlMillis the time-to-live in milliseconds, one per key
	 */
	void setAll(byte[][] keys, byte[][] values, long[] ttlMillis);

	/**
	 * Writes a value with a time-to-live unless the key exists.
	 * @param key the Redis key
	 * @param value the bytes
	 * @param ttlMillis the time-to-live in milliseconds
	 * @return whether the value was written
	 */
	boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis);

	/**
	 * Writes a value with a time-to-live unless the key exists, and returns what the key
	 * held ({@code SET NX PX GET}, Redis 7.0 or newer; older servers answer with a syntax
	 * error).
	 * @param key the Redis key
	 * @param value the bytes
	 * @param ttlMillis the time-to-live in milliseconds
	 * @return the bytes the key held, or {@code null} when it did not exist and the value
	 * was written
	 */
	byte @Nullable [] setIfAbsentGet(byte[] key, byte[] value, long ttlMillis);

	/**
	 * Removes keys.
	 * @param keys the Redis keys
	 * @return how many existed
	 */
	long unlink(byte[]... keys);

	/**
	 * Runs a Lua script over one key that returns a bulk string or nothing.
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result
	 */
	byte @Nullable [] evalValue(byte[] script, byte[] key, byte[]... args);

	/**
	 * Runs a Lua script over one key that returns an integer.
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result
	 */
	long evalInteger(byte[] script, byte[] key, byte[]... args);

	/**
	 * Removes every key matching a Redis glob on every master, with {@code SCAN} and
	 * {@code UNLINK} in batches; each command is bounded on its own.
	 * @param pattern the glob
	 * @param batchSize keys per {@code SCAN} step and per {@code UNLINK}
	 * @return how many keys were removed
	 */
	long unlinkMatching(byte[] pattern, int batchSize);

	/**
	 * Runs a Lua script over one key that returns a list of bulk strings.
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result, empty when it returned nothing
	 */
	List<byte[]> evalList(byte[] script, byte[] key, byte[]... args);

	/**
	 * Publishes a message on a pub/sub channel.
	 * @param channel the channel
	 * @param message the message
	 * @return how many subscribers received it
	 */
	long publish(byte[] channel, byte[] message);

	/**
	 * Reads the bytes stored under a key without waiting for Redis, as {@link #get}. The
	 * default runs {@link #get} on the caller's thread; commands on an asynchronous
	 * client override it, and complete the future on the client's I/O thread.
	 * @param key the Redis key
	 * @return the bytes, or {@code null} when the key does not exist; failed when Redis
	 * cannot answer in time
	 */
	default CompletableFuture<byte @Nullable []> getAsync(byte[] key) {
		return now(() -> get(key));
	}

	/**
	 * {@link #setIfAbsentGet} without waiting for Redis; the default runs it on the
	 * caller's thread.
	 * @param key the Redis key
	 * @param value the bytes
	 * @param ttlMillis the time-to-live in milliseconds
	 * @return the bytes the key held, or {@code null} when the value was written
	 */
	default CompletableFuture<byte @Nullable []> setIfAbsentGetAsync(byte[] key, byte[] value, long ttlMillis) {
		return now(() -> setIfAbsentGet(key, value, ttlMillis));
	}

	/**
	 * {@link #evalValue} without waiting for Redis; the default runs it on the caller's
	 * thread.
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result
	 */
	default CompletableFuture<byte @Nullable []> evalValueAsync(byte[] script, byte[] key, byte[]... args) {
		return now(() -> evalValue(script, key, args));
	}

	/**
	 * {@link #evalInteger} without waiting for Redis; the default runs it on the caller's
	 * thread.
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result
	 */
	default CompletableFuture<Long> evalIntegerAsync(byte[] script, byte[] key, byte[]... args) {
		return now(() -> evalInteger(script, key, args));
	}

	/**
	 * {@link #unlink} without waiting for Redis; the default runs it on the caller's
	 * thread.
	 * @param keys the Redis keys
	 * @return how many existed
	 */
	default CompletableFuture<Long> unlinkAsync(byte[]... keys) {
		return now(() -> unlink(keys));
	}

	/**
	 * Runs a blocking command now, turning its failure into a failed future, for the
	 * default asynchronous methods.
	 */
	private static <T extends @Nullable Object> CompletableFuture<T> now(Supplier<T> command) {
		try {
			return CompletableFuture.completedFuture(command.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Returns the fastest commands for the factory: asynchronous commands on Lettuce's
	 * shared native connection, awaited for at most {@code timeout}, when the factory
	 * shares one; otherwise a connection borrowed from the factory per command, bounded
	 * by the factory's own command timeout.
	 * @param connectionFactory the application's connection factory
	 * @param timeout the longest a command may take
	 * @return the commands
	 */
	static TierCommands forFactory(RedisConnectionFactory connectionFactory, Duration timeout) {
		if (ClassUtils.isPresent("io.lettuce.core.RedisClient", TierCommands.class.getClassLoader())
				&& SharedLettuceCommands.supports(connectionFactory)) {
			return new SharedLettuceCommands(connectionFactory, timeout);
		}
		return new ConnectionFactoryCommands(connectionFactory);
	}

}
