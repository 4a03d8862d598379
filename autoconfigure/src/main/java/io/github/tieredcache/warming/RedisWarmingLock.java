package io.github.tieredcache.warming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;

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

	private final RedisConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final byte[] instance;

	/**
	 * Creates a lock.
	 * @param connectionFactory the application's Redis connections
	 * @param keyPrefix the cache's key prefix
	 * @param instance names this instance in the lock's value, for whoever inspects Redis
	 */
	public RedisWarmingLock(RedisConnectionFactory connectionFactory, String keyPrefix, String instance) {
		this.connectionFactory = connectionFactory;
		this.keyPrefix = keyPrefix;
		this.instance = instance.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean tryAcquire(String warmer, long slot, Duration hold) {
		byte[] key = (this.keyPrefix + ":~warm:" + warmer + ":" + slot).getBytes(StandardCharsets.UTF_8);
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Boolean acquired = connection.stringCommands()
				.set(key, this.instance, Expiration.milliseconds(Math.max(1, hold.toMillis())),
						SetOption.SET_IF_ABSENT);
			return Boolean.TRUE.equals(acquired);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ask Redis which instance runs warmer '" + warmer + "' now; running it here", ex);
			return true;
		}
	}

}
