package io.github.tieredcache.warming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	private final Duration timeout;

	/**
	 * Threads that ask Redis, so that the scheduler waits at most the timeout; idle ones
	 * end after a minute.
	 */
	private final Executor executor = Executors.newCachedThreadPool(WarmingThreads.named("tiered-cache-warming-lock-"));

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
	 * @param timeout how long to wait for Redis before running the slot here
	 */
	public RedisWarmingLock(RedisConnectionFactory connectionFactory, String keyPrefix, String instance,
			Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.keyPrefix = keyPrefix;
		this.instance = instance.getBytes(StandardCharsets.UTF_8);
		this.timeout = timeout;
	}

	/**
	 * Asks Redis on a thread of its own and waits at most the timeout, so a Redis that
	 * hangs delays no schedule for longer than that (the connection factory's own timeout
	 * may be a minute).
	 */
	@Override
	public boolean tryAcquire(String warmer, long slot, Duration hold) {
		byte[] key = (this.keyPrefix + ":~warm:" + warmer + ":" + slot).getBytes(StandardCharsets.UTF_8);
		CompletableFuture<Boolean> claim = CompletableFuture.supplyAsync(() -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				return Boolean.TRUE.equals(connection.stringCommands()
					.set(key, this.instance, Expiration.milliseconds(Math.max(1, hold.toMillis())),
							SetOption.SET_IF_ABSENT));
			}
		}, this.executor);
		try {
			return claim.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			claim.cancel(true);
			logger.warn("Could not ask Redis which instance runs warmer '" + warmer + "' now; running it here",
					(ex instanceof ExecutionException) ? ex.getCause() : ex);
			return true;
		}
	}

}
