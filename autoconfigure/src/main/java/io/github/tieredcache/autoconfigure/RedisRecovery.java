package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Brings the caches back to Redis soon after it returns, whatever the application's
 * Lettuce client is configured with.
 *
 * <ul>
 * <li>When Lettuce connects again, or the breaker is open while the shared connection
 * answers a {@code PING}, the circuit breaker is let to probe Redis at once instead of
 * after the rest of its open-state wait.</li>
 * <li>While the factory's shared connection is down, it checks every
 * {@code tiered-cache.redis.max-reconnect-delay} whether Redis accepts a new connection
 * (Lettuce's own reconnection backs off up to 30 seconds, and its watchdog cannot be
 * asked to try sooner). Once one is accepted and the shared connection is still down, the
 * shared connection is reset, so that a new one is made at once. Commands of the
 * application still queued on the old one fail then, instead of waiting for its
 * reconnection.</li>
 * <li>With Redis Sentinel, when the sentinels report a new master, the shared connection
 * is reset at once (see {@link SentinelFailoverWatch}): after a failover away from a
 * master that froze or was cut off by the network, it would otherwise stay connected to
 * that silent server, with no error to make Lettuce reconnect.</li>
 * </ul>
 *
 * <p>
 * Only for a factory that shares its native connection (Spring Boot's default), which is
 * what the caches use. Thread-safe; checks run on one daemon thread of its own.
 */
final class RedisRecovery implements SmartLifecycle {

	/**
	 * Default longest wait between two reconnection attempts, and between two checks.
	 */
	static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofMillis(500);

	/**
	 * The shortest wait between two reconnection attempts.
	 */
	static final Duration MIN_MAX_RECONNECT_DELAY = Duration.ofMillis(10);

	/**
	 * The shortest wait for the answer to a {@code PING}, however short the interval: a
	 * Redis slower than that would fail the caches' own calls anyway.
	 */
	private static final Duration MIN_PING_TIMEOUT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(RedisRecovery.class);

	/**
	 * How long after a reconnection an open breaker is let to probe as soon as Redis
	 * answers.
	 */
	private static final Duration AFTER_RECONNECTION = Duration.ofSeconds(10);

	private final RedisConnectionFactory connectionFactory;

	private final CircuitBreaker circuitBreaker;

	private final Duration interval;

	private @Nullable ScheduledThreadPoolExecutor checks;

	private @Nullable Disposable events;

	private @Nullable SentinelFailoverWatch failoverWatch;

	private boolean downAtLastCheck;

	private volatile long reconnectedAtNanos;

	RedisRecovery(RedisConnectionFactory connectionFactory, RemoteTierGuard guard, Duration interval) {
		requireValidDelay(interval);
		this.connectionFactory = connectionFactory;
		this.circuitBreaker = guard.circuitBreaker();
		this.interval = interval;
	}

	/**
	 * Checks a maximum reconnection delay, the interval of the checks.
	 * @param delay the delay
	 * @return the delay
	 * @throws IllegalArgumentException if it is shorter than 10 ms
	 */
	static Duration requireValidDelay(@Nullable Duration delay) {
		if (delay == null || delay.compareTo(MIN_MAX_RECONNECT_DELAY) < 0) {
			throw new IllegalArgumentException("The maximum reconnect delay must be at least 10ms but was " + delay);
		}
		return delay;
	}

	@Override
	public synchronized void start() {
		if (this.checks != null || !(this.connectionFactory instanceof LettuceConnectionFactory lettuce)
				|| !lettuce.getShareNativeConnection()) {
			return;
		}
		AbstractRedisClient client = lettuce.getNativeClient();
		if (client != null) {
			this.events = client.getResources()
				.eventBus()
				.get()
				.filter(ConnectionActivatedEvent.class::isInstance)
				.subscribe((event) -> reconnected());
		}
		ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
				CacheThreads.named("tiered-cache-redis-recovery"));
		long millis = this.interval.toMillis();
		thread.scheduleWithFixedDelay(() -> check(lettuce), millis, millis, TimeUnit.MILLISECONDS);
		this.checks = thread;
		this.failoverWatch = SentinelFailoverWatch.start(lettuce, this.interval,
				() -> thread.execute(() -> masterMoved(lettuce)));
	}

	@Override
	public synchronized void stop() {
		ScheduledThreadPoolExecutor thread = this.checks;
		Disposable subscription = this.events;
		SentinelFailoverWatch watch = this.failoverWatch;
		this.checks = null;
		this.events = null;
		this.failoverWatch = null;
		if (watch != null) {
			watch.close();
		}
		if (thread != null) {
			thread.shutdownNow();
		}
		if (subscription != null) {
			subscription.dispose();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.checks != null;
	}

	/**
	 * After the bus, which needs the connection factory too.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	private boolean justReconnected() {
		long at = this.reconnectedAtNanos;
		return at != 0 && System.nanoTime() - at < AFTER_RECONNECTION.toNanos();
	}

	private void reconnected() {
		this.reconnectedAtNanos = System.nanoTime();
		probeNow();
	}

	private void probeNow() {
		if (this.circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
			this.circuitBreaker.transitionToHalfOpenState();
		}
	}

	private void check(LettuceConnectionFactory lettuce) {
		try {
			boolean down = !sharedConnectionOpen();
			if (down && this.downAtLastCheck && redisAcceptsConnections(lettuce.getNativeClient())
					&& !sharedConnectionOpen()) {
				logger.info("Redis accepts connections again while the shared connection is still waiting to "
						+ "reconnect; replacing it");
				lettuce.resetConnection();
				sharedConnectionOpen();
				reconnected();
				down = false;
			}
			this.downAtLastCheck = down;
			if (!down && justReconnected() && this.circuitBreaker.getState() == CircuitBreaker.State.OPEN
					&& answersPing()) {
				// The breaker opened again just after the connection came back (a command
				// failed on the connection being replaced, say): Redis answers, so let
				// it probe now rather than after its whole open-state wait. Only then: a
				// Redis that is merely slow keeps the breaker's own pace
				probeNow();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not check the Redis connection", ex);
		}
	}

	private void masterMoved(LettuceConnectionFactory lettuce) {
		try {
			logger.info("Redis Sentinel failed over to a new master; replacing the shared connection, which may still "
					+ "be connected to the old one");
			lettuce.resetConnection();
			sharedConnectionOpen();
			reconnected();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not replace the shared connection after a failover", ex);
		}
	}

	/**
	 * Looks the shared connection up (making it when there is none, as a cache call
	 * would) and returns whether it is connected.
	 */
	private boolean sharedConnectionOpen() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Object commands = connection.getNativeConnection();
			StatefulConnection<?, ?> shared = (commands instanceof RedisAsyncCommands<?, ?> standalone)
					? standalone.getStatefulConnection()
					: (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster)
							? cluster.getStatefulConnection() : null;
			return shared == null || shared.isOpen();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Sends a {@code PING} over the shared connection and waits at most the check
	 * interval (but a second at least) for the answer: a frozen Redis must not hold this
	 * thread for the client's own timeout (a minute by default), during which no other
	 * check could run.
	 */
	private boolean answersPing() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			if (connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> shared) {
				long timeoutNanos = ((this.interval.compareTo(MIN_PING_TIMEOUT) < 0) ? MIN_PING_TIMEOUT : this.interval)
					.toNanos();
				return "PONG".equals(LettuceFutures.awaitOrCancel(shared.ping(), timeoutNanos, TimeUnit.NANOSECONDS));
			}
			connection.ping();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean redisAcceptsConnections(@Nullable AbstractRedisClient client) {
		try {
			StatefulConnection<byte[], byte[]> probe = (client instanceof RedisClient standalone)
					? standalone.connect(ByteArrayCodec.INSTANCE)
					: (client instanceof RedisClusterClient cluster) ? cluster.connect(ByteArrayCodec.INSTANCE) : null;
			if (probe == null) {
				return false;
			}
			probe.closeAsync();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
