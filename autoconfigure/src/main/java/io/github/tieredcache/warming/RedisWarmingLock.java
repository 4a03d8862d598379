package io.github.tieredcache.warming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Claims schedule slots in Redis with {@code SET key instance NX PX hold}, one key per
 * warmer and slot ({@code {key-prefix}:~warm:{warmer}:{slot}}), left to expire rather
 * than deleted, so a slot is run once even if its run ends quickly. When Redis cannot be
 * asked, this instance runs the slot: warming its own L1 is worth more than keeping the
 * database from doing the work twice.
 *
 * <p>
 * Thread-safe.
 */
public final class RedisWarmingLock implements WarmingLock {

	private static final Log logger = LogFactory.getLog(RedisWarmingLock.class);

	private final BoundedRedisCommands commands;

	private final String keyPrefix;

	private final byte[] instance;

	/**
	 * Creates a lock.
	 * @param connectionFactory the application's Redis connections
	 * @param keyPrefix the cache's key prefix
	 * @param instance names this instance in the lock's value, for whoever inspects Redis
	 */
	public RedisWarmingLock(RedisConnectionFactory connectionFactory, String keyPrefix, String instance) {
		this(connectionFactory, keyPrefix, instance, Duration.ofSeconds(1));
	}

	/**
	 * Creates a lock that waits for Redis at most {@code timeout}.
	 * @param connectionFactory the application's Redis connections
	 * @param keyPrefix the cache's key prefix
	 * @param instance names this instance in the lock's value, for whoever inspects Redis
	 * @param timeout how long to wait for Redis before running the slot here (on the
	 * shared Lettuce connection; otherwise the factory's own timeout applies)
	 */
	public RedisWarmingLock(RedisConnectionFactory connectionFactory, String keyPrefix, String instance,
			Duration timeout) {
		this.commands = BoundedRedisCommands.forFactory(connectionFactory, timeout);
		this.keyPrefix = keyPrefix;
		this.instance = instance.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Asks Redis and waits at most the timeout, so a Redis that hangs delays no schedule
	 * for longer than that (the connection factory's own timeout may be a minute).
	 */
	@Override
	public boolean tryAcquire(String warmer, long slot, Duration hold) {
		byte[] key = (this.keyPrefix + ":~warm:" + warmer + ":" + slot).getBytes(StandardCharsets.UTF_8);
		try {
			return this.commands.setIfAbsent(key, this.instance, Math.max(1, hold.toMillis()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ask Redis which instance runs warmer '" + warmer + "' now; running it here", ex);
			return true;
		}
	}

}
