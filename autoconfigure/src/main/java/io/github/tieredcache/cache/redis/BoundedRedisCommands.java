package io.github.tieredcache.cache.redis;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * The few Redis commands that the starter's parts beside the caches send (the
 * invalidation bus publishing, the tag index, the warming lock), bounded like the caches'
 * own: on the application's shared Lettuce connection (Spring Boot's default) each
 * command is cancelled and fails after the given timeout, whatever
 * {@code spring.data.redis.timeout} says; with Jedis or an unshared Lettuce connection,
 * the factory's own timeout bounds it.
 *
 * <p>
 * Meant for the starter's own components; applications use Spring Data Redis.
 * Thread-safe. Every method throws a {@link RuntimeException} when Redis does not answer
 * in time.
 */
public final class BoundedRedisCommands {

	private final TierCommands commands;

	private BoundedRedisCommands(TierCommands commands) {
		this.commands = commands;
	}

	/**
	 * Returns commands on the application's Redis, each bounded by {@code timeout}.
	 * Nothing is sent yet; on a shared Lettuce connection, connecting starts in the
	 * background.
	 * @param connectionFactory the application's connection factory
	 * @param timeout the longest a command may take, positive
	 * @return the commands
	 */
	public static BoundedRedisCommands forFactory(RedisConnectionFactory connectionFactory, Duration timeout) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				() -> "timeout must be positive but was " + timeout);
		return new BoundedRedisCommands(TierCommands.forFactory(connectionFactory, timeout));
	}

	/**
	 * Publishes a message ({@code PUBLISH}).
	 * @param channel the channel
	 * @param message the message
	 * @return how many subscribers received it
	 */
	public long publish(byte[] channel, byte[] message) {
		return this.commands.publish(channel, message);
	}

	/**
	 * Writes a value with a time-to-live unless the key exists ({@code SET NX PX}).
	 * @param key the key
	 * @param value the value
	 * @param ttlMillis the time-to-live in milliseconds, positive
	 * @return whether the value was written
	 */
	public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
		return this.commands.setIfAbsent(key, value, ttlMillis);
	}

	/**
	 * Runs a Lua script over one key that returns an integer ({@code EVAL}).
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result
	 */
	public long evalInteger(byte[] script, byte[] key, byte[]... args) {
		return this.commands.evalInteger(script, key, args);
	}

	/**
	 * Runs a Lua script over one key that returns a list of bulk strings ({@code EVAL}).
	 * @param script the script
	 * @param key the key ({@code KEYS[1]})
	 * @param args the arguments ({@code ARGV})
	 * @return the script's result, empty when it returned nothing
	 */
	public List<byte[]> evalList(byte[] script, byte[] key, byte[]... args) {
		return this.commands.evalList(script, key, args);
	}

}
