package io.github.tieredcache.autoconfigure;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheThreads;
import io.lettuce.core.RedisClient;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.NamedNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Asks the sentinels, at a fixed interval, which server is the master of a
 * Sentinel-configured factory, and reports when that changes: a failover happened. A
 * failover away from a master that died closes the connections made to it, so Lettuce
 * reconnects and finds the new master through the sentinels by itself; one away from a
 * master that froze, or that a network partition cut off, leaves them open and silent,
 * and nothing else would tell Lettuce to leave it.
 *
 * <p>
 * Asks over one sentinel connection of the factory's own client (so with its sentinel
 * credentials and TLS), made again on the next check after any failure, on a daemon
 * thread of its own: a sentinel that does not answer delays only this watch. The first
 * answer only sets the baseline. Thread-safe.
 */
final class SentinelFailoverWatch implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SentinelFailoverWatch.class);

	/**
	 * The shortest wait for a sentinel's answer, however short the interval.
	 */
	private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

	private final RedisClient client;

	private final String masterName;

	private final Duration timeout;

	private final Runnable onFailover;

	private final ScheduledThreadPoolExecutor thread;

	private @Nullable StatefulRedisSentinelConnection<String, String> connection;

	private @Nullable SocketAddress master;

	private SentinelFailoverWatch(RedisClient client, String masterName, Duration interval, Runnable onFailover) {
		this.client = client;
		this.masterName = masterName;
		this.timeout = (interval.compareTo(MIN_TIMEOUT) < 0) ? MIN_TIMEOUT : interval;
		this.onFailover = onFailover;
		this.thread = new ScheduledThreadPoolExecutor(1, CacheThreads.named("tiered-cache-redis-sentinel-watch"));
		long millis = interval.toMillis();
		this.thread.scheduleWithFixedDelay(this::check, 0, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts watching the master of a factory configured for Sentinel.
	 * @param connectionFactory the factory
	 * @param interval how often to ask, and how long an answer may take (at least a
	 * second)
	 * @param onFailover what to run, on the watch's thread, when the master changed
	 * @return the running watch, or {@code null} if the factory is not configured for
	 * Sentinel or has no client yet
	 */
	static @Nullable SentinelFailoverWatch start(LettuceConnectionFactory connectionFactory, Duration interval,
			Runnable onFailover) {
		RedisSentinelConfiguration sentinel = connectionFactory.isRedisSentinelAware()
				? connectionFactory.getSentinelConfiguration() : null;
		NamedNode master = (sentinel != null) ? sentinel.getMaster() : null;
		if (master == null || master.getName() == null
				|| !(connectionFactory.getNativeClient() instanceof RedisClient client)) {
			return null;
		}
		return new SentinelFailoverWatch(client, master.getName(), interval, onFailover);
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeConnection();
	}

	private void check() {
		SocketAddress current = askMaster();
		if (current == null) {
			return;
		}
		SocketAddress previous = this.master;
		this.master = current;
		if (previous != null && !previous.equals(current)) {
			logger.info("The sentinels report " + current + " as the master of '" + this.masterName + "' in place of "
					+ previous);
			try {
				this.onFailover.run();
			}
			catch (RuntimeException ex) {
				// Stopping: nothing more to recover
				logger.debug("Could not act on the failover", ex);
			}
		}
	}

	private @Nullable SocketAddress askMaster() {
		try {
			StatefulRedisSentinelConnection<String, String> sentinel = this.connection;
			if (sentinel == null) {
				sentinel = this.client.connectSentinel();
				sentinel.setTimeout(this.timeout);
				this.connection = sentinel;
			}
			return sentinel.sync().getMasterAddrByName(this.masterName);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not ask the sentinels for the master of '" + this.masterName + "'", ex);
			closeConnection();
			return null;
		}
	}

	private void closeConnection() {
		StatefulRedisSentinelConnection<String, String> sentinel = this.connection;
		this.connection = null;
		if (sentinel != null) {
			sentinel.closeAsync();
		}
	}

}
