package io.github.tieredcache.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.InvalidationListener;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Keeps the L1 of every instance sharing a Redis consistent: tells the other instances,
 * over Redis pub/sub on the channel {@code {key-prefix}:~sync}, about every put, eviction
 * and clear made on this one, and applies theirs to this instance's L1.
 *
 * <p>
 * As the manager's {@link InvalidationListener}, it only queues the invalidation (never
 * blocking, never throwing); a background thread publishes queued invalidations in
 * batches. Every message carries the publisher's random instance id, an epoch and a
 * sequence number; with a heartbeat when there is nothing else to say, this lets each
 * instance notice a message it missed (a gap, a renewed subscription, a peer gone silent
 * or restarted, its own messages no longer coming back) and flush its whole L1 rather
 * than serve stale entries. What is never noticed is bounded by the L1 TTL.
 *
 * <p>
 * As a {@link SmartLifecycle}, it is subscribed when the application context starts,
 * waiting for Redis at most a second: its first subscription flushes L1 (entries cached
 * before it may have missed invalidations), so the context finishes starting with that
 * done, and what is cached afterwards stays. When Redis does not answer in time it
 * retries in the background, then flushes L1. In a Spring context it starts subscribing
 * as soon as it is created ({@link #afterPropertiesSet()}), so that connecting overlaps
 * the rest of the context's start-up, and applies nothing before it is started. Outside
 * Spring, call {@link #start()} once the manager is built and {@link #stop()} before
 * closing the connection factory. The subscription needs a driver whose subscriptions do
 * not block the subscribing thread (Lettuce, the starter's driver).
 *
 * <p>
 * Thread-safe.
 */
public final class InvalidationBus implements InvalidationListener, SmartLifecycle, InitializingBean, DisposableBean {

	/**
	 * The lifecycle phase: after the Redis connection factory has started and before the
	 * web server, so that the bus is subscribed before requests arrive and still
	 * publishes the invalidations of requests finishing during a graceful shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * Default heartbeat interval: two seconds.
	 */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

	/**
	 * The shortest heartbeat interval.
	 */
	public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);

	/**
	 * Default number of heartbeat intervals without a message after which an instance
	 * counts as silent.
	 */
	public static final int DEFAULT_MISSED_HEARTBEATS = 3;

	/**
	 * The fewest missed heartbeats that make an instance silent: with one, a single late
	 * heartbeat would.
	 */
	public static final int MIN_MISSED_HEARTBEATS = 2;

	/**
	 * Default batch window: publish at once whatever has queued up.
	 */
	public static final Duration DEFAULT_BATCH_WINDOW = Duration.ZERO;

	/**
	 * Default number of invalidations taken into one batch.
	 */
	public static final int DEFAULT_BATCH_SIZE = 512;

	/**
	 * The most invalidations one batch can carry.
	 */
	public static final int MAX_BATCH_SIZE = 0xFFFF;

	/**
	 * Default number of invalidations waiting to be published.
	 */
	public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

	/**
	 * Default time publishing one message may take: that of the caches' Redis commands.
	 */
	public static final Duration DEFAULT_COMMAND_TIMEOUT = RedisTierFactory.DEFAULT_TIMEOUT;

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final UUID instance = UUID.randomUUID();

	private final String channel;

	private final Supplier<TieredCacheManager> caches;

	private final BusCounters counters = new BusCounters();

	private final BusPublisher publisher;

	private final BusReceiver receiver;

	private final RedisConnectionFactory connectionFactory;

	private static final Duration MAX_START_WAIT = Duration.ofSeconds(2);

	private final Duration startTimeout;

	private int epoch;

	private volatile boolean running;

	private InvalidationBus(Builder builder, Supplier<TieredCacheManager> caches) {
		BusSettings settings = new BusSettings(builder.heartbeatInterval, builder.missedHeartbeats, builder.batchWindow,
				builder.batchSize, builder.queueCapacity);
		this.channel = builder.keyPrefix + ":~sync";
		// Connecting, the handshake and SUBSCRIBE: a few round trips, but start-up never
		// waits more than MAX_START_WAIT for a slow Redis (it then subscribes, and
		// flushes,
		// in the background)
		Duration fewRoundTrips = builder.commandTimeout.multipliedBy(4);
		this.startTimeout = (fewRoundTrips.compareTo(MAX_START_WAIT) > 0) ? MAX_START_WAIT : fewRoundTrips;
		this.caches = caches;
		byte[] channelBytes = this.channel.getBytes(StandardCharsets.UTF_8);
		RedisConnectionFactory connectionFactory = builder.connectionFactory;
		this.connectionFactory = connectionFactory;
		BoundedRedisCommands commands = BoundedRedisCommands.forFactory(connectionFactory, builder.commandTimeout);
		SelfProbe probe = new SelfProbe();
		this.publisher = new BusPublisher((message) -> commands.publish(channelBytes, message), this.instance, settings,
				builder.clock, builder.ticker, this.counters, probe);
		this.receiver = new BusReceiver(connectionFactory, channelBytes, this.instance, settings, builder.clock,
				this.counters, probe);
	}

	/**
	 * Starts a builder for a bus on the given Redis.
	 * @param connectionFactory the Redis connections, the application's own
	 * @param keyPrefix the key prefix of the caches; instances with the same prefix share
	 * invalidations
	 * @return a new builder
	 */
	public static Builder builder(RedisConnectionFactory connectionFactory, String keyPrefix) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.hasText(keyPrefix, "keyPrefix must not be empty");
		return new Builder(connectionFactory, keyPrefix);
	}

	/**
	 * Queues an invalidation for the other instances. Never blocks: when the queue is
	 * full, the whole cache is cleared on the other instances instead.
	 * @param invalidation what the other instances must drop
	 */
	@Override
	public void invalidated(Invalidation invalidation) {
		this.publisher.enqueue(invalidation);
	}

	/**
	 * Starts publishing and subscribes, waiting for the first attempt to subscribe to
	 * succeed or fail, but at most four command timeouts (one second by default). When it
	 * succeeds in that time, L1 has been flushed of what was cached before (while
	 * invalidations could be missed) by the time this method returns, so nothing cached
	 * afterwards is flushed for it. Otherwise the bus goes on trying in the background.
	 * Resolves the cache manager whose L1 other instances' invalidations apply to.
	 */
	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		TieredCacheManager manager = this.caches.get();
		Assert.state(manager != null, "No TieredCacheManager to apply other instances' invalidations to");
		this.epoch++;
		this.publisher.start(this.epoch);
		this.receiver.start(manager, this.epoch);
		this.running = true;
		awaitFirstAttempt();
	}

	private void awaitFirstAttempt() {
		try {
			this.receiver.firstAttempt().get(this.startTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Redis is slow: keep subscribing in the background
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts subscribing, in the background, when the connection factory is ready for
	 * connections (a Lettuce factory started early, as Spring Boot's is), so that the
	 * subscription is made while the rest of the application context starts and
	 * {@link #start()} has little or nothing left to wait for. Until {@link #start()},
	 * invalidations received are not applied; {@link #start()} flushes L1 instead.
	 */
	@Override
	public synchronized void afterPropertiesSet() {
		boolean ready = !(this.connectionFactory instanceof Lifecycle lifecycle) || lifecycle.isRunning();
		if (ready && !this.running) {
			this.receiver.open();
		}
	}

	/**
	 * Closes a subscription opened ahead of a start that never came (an application
	 * context that failed to start).
	 */
	@Override
	public synchronized void destroy() {
		if (!this.running) {
			this.receiver.stop(STOP_TIMEOUT);
		}
	}

	/**
	 * Publishes what is still queued, says goodbye to the other instances (so they do not
	 * take its silence for a loss) and unsubscribes.
	 */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.publisher.stop(STOP_TIMEOUT);
		this.receiver.stop(STOP_TIMEOUT);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns this instance's id on the bus, random for each bus.
	 * @return the instance id
	 */
	public UUID instanceId() {
		return this.instance;
	}

	/**
	 * Returns the Redis channel the bus publishes and listens on.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Completes once the bus has subscribed for the first time and emptied L1 (the first
	 * subscription does, since invalidations may have been missed before it): from then
	 * on what is cached stays. With Redis answering, that is before {@link #start()}
	 * returns.
	 * @return a stage completed by the first subscription; never completed while Redis
	 * cannot be reached
	 */
	public CompletionStage<Void> firstSubscription() {
		return this.receiver.firstSubscription().minimalCompletionStage();
	}

	/**
	 * Returns a snapshot of the bus's counters and gauges.
	 * @return the statistics
	 */
	public InvalidationBusStats stats() {
		return this.counters.snapshot(this.receiver.state(), this.publisher.queueSize(), this.receiver.livePeers());
	}

	/**
	 * Builds an {@link InvalidationBus}; not thread-safe.
	 */
	public static final class Builder {

		private final RedisConnectionFactory connectionFactory;

		private final String keyPrefix;

		private @Nullable Supplier<TieredCacheManager> caches;

		private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

		private int missedHeartbeats = DEFAULT_MISSED_HEARTBEATS;

		private Duration batchWindow = DEFAULT_BATCH_WINDOW;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

		private Clock clock = Clock.systemUTC();

		private Ticker ticker = Ticker.systemTicker();

		private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

		private Builder(RedisConnectionFactory connectionFactory, String keyPrefix) {
			this.connectionFactory = connectionFactory;
			this.keyPrefix = keyPrefix;
		}

		/**
		 * Sets where other instances' invalidations are applied; required. Resolved when
		 * the bus starts, so the manager can be built with this bus as its listener.
		 * @param caches supplies the manager
		 * @return this builder
		 */
		public Builder localCaches(Supplier<TieredCacheManager> caches) {
			Assert.notNull(caches, "caches must not be null");
			this.caches = caches;
			return this;
		}

		/**
		 * Sets how long a quiet instance waits before it publishes a heartbeat.
		 * @param heartbeatInterval the interval, at least 10 ms
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			Assert.isTrue(heartbeatInterval != null && heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) >= 0,
					() -> "heartbeatInterval must be at least 10ms but was " + heartbeatInterval);
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * Sets after how many heartbeat intervals without a message an instance counts as
		 * silent.
		 * @param missedHeartbeats the number of intervals, at least 2
		 * @return this builder
		 */
		public Builder missedHeartbeats(int missedHeartbeats) {
			Assert.isTrue(missedHeartbeats >= MIN_MISSED_HEARTBEATS,
					() -> "missedHeartbeats must be at least 2 but was " + missedHeartbeats);
			this.missedHeartbeats = missedHeartbeats;
			return this;
		}

		/**
		 * Sets how long the publisher waits for more invalidations before publishing a
		 * batch; zero publishes at once whatever has queued up.
		 * @param batchWindow the window, zero or more
		 * @return this builder
		 */
		public Builder batchWindow(Duration batchWindow) {
			Assert.isTrue(batchWindow != null && !batchWindow.isNegative(),
					() -> "batchWindow must not be negative but was " + batchWindow);
			this.batchWindow = batchWindow;
			return this;
		}

		/**
		 * Sets the most invalidations published in one batch.
		 * @param batchSize the batch size, between 1 and 65535
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			Assert.isTrue(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
					() -> "batchSize must be between 1 and 65535 but was " + batchSize);
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Sets the most invalidations waiting to be published; beyond it, whole caches
		 * are cleared on the other instances instead.
		 * @param queueCapacity the capacity, at least 1
		 * @return this builder
		 */
		public Builder queueCapacity(int queueCapacity) {
			Assert.isTrue(queueCapacity >= 1, () -> "queueCapacity must be at least 1 but was " + queueCapacity);
			this.queueCapacity = queueCapacity;
			return this;
		}

		/**
		 * Sets the longest time publishing one message may take before it is cancelled
		 * and counted as a failure (default 250 ms, like the caches' Redis commands).
		 * Applies on a {@code LettuceConnectionFactory} sharing its native connection
		 * (the default); otherwise the factory's own command timeout bounds it.
		 * @param commandTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			Assert.isTrue(commandTimeout != null && !commandTimeout.isNegative() && !commandTimeout.isZero(),
					() -> "commandTimeout must be positive but was " + commandTimeout);
			this.commandTimeout = commandTimeout;
			return this;
		}

		/**
		 * Sets the clock that stamps messages and times silences.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the time source that spaces heartbeats and bounds the batch window:
		 * elapsed time, unlike the {@link #clock(Clock) clock}'s stamps.
		 * @param ticker the ticker
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "ticker must not be null");
			this.ticker = ticker;
			return this;
		}

		/**
		 * Builds the bus, not yet started.
		 * @return the bus
		 * @throws IllegalStateException if {@link #localCaches(Supplier)} was not called
		 * or the batch window is not shorter than the heartbeat interval
		 */
		public InvalidationBus build() {
			Supplier<TieredCacheManager> target = this.caches;
			if (target == null) {
				throw new IllegalStateException("No local caches: call localCaches(...), for example "
						+ "localCaches(() -> cacheManager), so that other instances' invalidations reach this L1");
			}
			if (this.batchWindow.compareTo(this.heartbeatInterval) >= 0) {
				throw new IllegalStateException("batchWindow (" + this.batchWindow
						+ ") must be shorter than heartbeatInterval (" + this.heartbeatInterval + ")");
			}
			return new InvalidationBus(this, target);
		}

	}

}
