package io.github.tieredcache.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.TieredCacheManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * The inbound side of the bus: subscribes (retrying with backoff until Redis answers),
 * applies other instances' invalidations to this instance's L1, and flushes L1 whenever
 * it may have missed some. Everything it decides runs on one thread of its own, in the
 * order Redis delivered it; Lettuce's threads only hand messages over.
 *
 * <p>
 * Thread-safe: {@link #start} and {@link #stop} from the bus's lifecycle, the listener
 * callbacks from the Redis driver.
 */
final class BusReceiver implements MessageListener, SubscriptionListener {

	private static final Log logger = LogFactory.getLog(InvalidationBus.class);

	private static final ThrottledLogger throttled = new ThrottledLogger(logger, Duration.ofSeconds(10));

	private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(50);

	private final RedisConnectionFactory connectionFactory;

	private final byte[] channel;

	private final UUID instance;

	private final BusSettings settings;

	private final Clock clock;

	private final BusCounters counters;

	private final SelfProbe probe;

	private final PeerTracker peers;

	private volatile SubscriptionState state = SubscriptionState.STOPPED;

	private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();

	// Replaced on every start, so that a restarted bus waits for its own first attempt
	private volatile CompletableFuture<Void> firstAttempt = new CompletableFuture<>();

	// Written under this object's lock, read by the receiver's thread too
	private volatile @Nullable ScheduledExecutorService executor;

	// The next attempt to subscribe after a failed one, if any
	private @Nullable ScheduledFuture<?> retry;

	private @Nullable TieredCacheManager caches;

	private @Nullable RedisConnection connection;

	private int epoch;

	// Whether the first subscription since the bus was created has been announced:
	// L1 flushed and the first subscription completed
	private boolean announced;

	private Duration retryDelay = FIRST_RETRY_DELAY;

	BusReceiver(RedisConnectionFactory connectionFactory, byte[] channel, UUID instance, BusSettings settings,
			Clock clock, BusCounters counters, SelfProbe probe) {
		this.connectionFactory = connectionFactory;
		this.channel = channel.clone();
		this.instance = instance;
		this.settings = settings;
		this.clock = clock;
		this.counters = counters;
		this.probe = probe;
		this.peers = new PeerTracker(settings.silenceTimeout());
	}

	/**
	 * Returns where the subscription stands; a subscription over which Redis stopped
	 * answering shows as {@link SubscriptionState#DISCONNECTED} until it is confirmed
	 * again.
	 */
	SubscriptionState state() {
		SubscriptionState current = this.state;
		return (current == SubscriptionState.SUBSCRIBED && this.probe.cutOff()) ? SubscriptionState.DISCONNECTED
				: current;
	}

	CompletableFuture<Void> firstSubscription() {
		return this.firstSubscription;
	}

	/**
	 * Returns a stage completed once the first attempt to subscribe since the last
	 * {@link #start} has succeeded (and L1 was flushed) or failed.
	 */
	CompletableFuture<Void> firstAttempt() {
		return this.firstAttempt;
	}

	int livePeers() {
		return this.peers.livePeers();
	}

	/**
	 * Subscribes ahead of {@link #start}, so that connecting (most of the time a first
	 * subscription takes) overlaps whatever the application does before it starts the
	 * bus. Nothing is applied until then: messages that arrive before {@link #start} are
	 * dropped, and {@link #start} flushes L1 instead, as a first subscription does. Does
	 * nothing once started.
	 */
	synchronized void open() {
		if (this.executor == null) {
			ScheduledExecutorService thread = newExecutor();
			thread.execute(this::subscribe);
		}
	}

	synchronized void start(TieredCacheManager caches, int epoch) {
		ScheduledExecutorService opened = this.executor;
		ScheduledExecutorService thread = (opened != null) ? opened : newExecutor();
		if (this.firstAttempt.isDone()) {
			this.firstAttempt = new CompletableFuture<>();
		}
		thread.execute(() -> {
			this.caches = caches;
			this.epoch = epoch;
			if (opened == null) {
				this.retryDelay = FIRST_RETRY_DELAY;
				subscribe();
			}
			else if (this.state == SubscriptionState.SUBSCRIBED) {
				announce();
			}
			else if (this.connection == null) {
				// The early attempts failed (Redis was down while the context was being
				// created): try at once rather than at the end of the back-off, so that
				// start waits for one fresh attempt, as without the early subscription
				cancelRetry();
				this.retryDelay = FIRST_RETRY_DELAY;
				subscribe();
			}
			// Otherwise SUBSCRIBE was sent and its confirmation announces
		});
		long interval = this.settings.heartbeatInterval().toMillis();
		thread.scheduleAtFixedRate(this::watch, interval, interval, TimeUnit.MILLISECONDS);
	}

	private ScheduledExecutorService newExecutor() {
		ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
				CacheThreads.named("tiered-cache-sync-receiver"));
		thread.setRemoveOnCancelPolicy(true);
		// A retry due after stop must not subscribe again
		thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor = thread;
		this.state = SubscriptionState.SUBSCRIBING;
		return thread;
	}

	synchronized void stop(Duration timeout) {
		ScheduledExecutorService thread = this.executor;
		if (thread == null) {
			return;
		}
		this.executor = null;
		thread.execute(() -> {
			closeConnection();
			this.state = SubscriptionState.STOPPED;
		});
		this.firstAttempt.complete(null);
		thread.shutdown();
		try {
			if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				thread.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			thread.shutdownNow();
		}
		this.state = SubscriptionState.STOPPED;
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		byte[] body = message.getBody();
		runOnReceiver(() -> receive(body));
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		runOnReceiver(this::subscribed);
	}

	private void runOnReceiver(Runnable task) {
		ScheduledExecutorService thread = this.executor;
		if (thread != null) {
			try {
				thread.execute(task);
			}
			catch (RejectedExecutionException ex) {
				// Stopping: nothing more is applied.
			}
		}
	}

	private void subscribe() {
		if (this.executor == null) {
			// Stopped: a retry that was already running
			return;
		}
		this.retry = null;
		this.state = SubscriptionState.SUBSCRIBING;
		RedisConnection opened = null;
		try {
			opened = this.connectionFactory.getConnection();
			opened.subscribe(this, this.channel);
			this.connection = opened;
		}
		catch (RuntimeException ex) {
			closeQuietly(opened);
			this.firstAttempt.complete(null);
			throttled.warnRedisFailure("Could not subscribe to the cache invalidation channel, retrying in "
					+ this.retryDelay.toMillis() + " ms; until then this instance may serve entries that other "
					+ "instances changed, for at most its L1 TTL: " + ex, null);
			this.retry = schedule(this::subscribe, this.retryDelay);
			Duration doubled = this.retryDelay.multipliedBy(2);
			this.retryDelay = (doubled.compareTo(this.settings.maxRetryDelay()) > 0) ? this.settings.maxRetryDelay()
					: doubled;
		}
	}

	private void subscribed() {
		if (this.state == SubscriptionState.STOPPED) {
			return;
		}
		this.retryDelay = FIRST_RETRY_DELAY;
		this.probe.reset();
		if (this.caches == null) {
			// Opened ahead of start: start announces it
			this.state = SubscriptionState.SUBSCRIBED;
			return;
		}
		if (this.announced) {
			lost(LossCause.RESUBSCRIBED, "subscribed again to the cache invalidation channel");
			this.peers.rebaselineAll();
			this.state = SubscriptionState.SUBSCRIBED;
			this.firstAttempt.complete(null);
		}
		else {
			announce();
		}
	}

	/**
	 * Flushes L1 for the first subscription (entries cached before it may have missed
	 * invalidations) and only then reports it, so that whoever waits for the subscription
	 * finds L1 flushed already and cannot have an entry it just filled removed by this
	 * flush.
	 */
	private void announce() {
		logger.debug("Subscribed to the cache invalidation channel");
		flush();
		this.announced = true;
		this.peers.rebaselineAll();
		this.state = SubscriptionState.SUBSCRIBED;
		this.firstSubscription.complete(null);
		this.firstAttempt.complete(null);
	}

	private void receive(byte[] body) {
		if (this.caches == null) {
			// Opened ahead of start, which flushes L1 instead
			return;
		}
		BusMessage message;
		try {
			message = BusMessageCodec.decode(body);
		}
		catch (MalformedBusMessageException ex) {
			this.counters.messagesRejected.increment();
			throttled.warn(
					"Dropped an unreadable message on the cache invalidation channel (" + ex.getMessage()
							+ "); is another application publishing on it, or an instance of another version running?",
					null);
			return;
		}
		long now = this.clock.millis();
		if (message.instance().equals(this.instance)) {
			if (message.epoch() == this.epoch) {
				this.probe.heard(message.sequence());
			}
			this.counters.ownMessagesIgnored.increment();
			return;
		}
		PeerTracker.Verdict verdict = this.peers.accept(message, now);
		if (verdict == PeerTracker.Verdict.STALE) {
			this.counters.messagesRejected.increment();
			return;
		}
		this.counters.messagesReceived.increment();
		this.counters.lastLagMillis.set(now - message.publishedAt());
		if (verdict == PeerTracker.Verdict.GAP) {
			lost(LossCause.SEQUENCE_GAP, "missed messages from instance " + message.instance());
		}
		else if (verdict == PeerTracker.Verdict.RESTARTED) {
			lost(LossCause.PEER_RESTARTED, "instance " + message.instance() + " restarted without saying goodbye");
		}
		message.invalidations().forEach(this::apply);
	}

	private void apply(Invalidation invalidation) {
		TieredCacheManager target = this.caches;
		if (target == null) {
			return;
		}
		try {
			target.invalidateLocally(invalidation);
		}
		catch (RuntimeException ex) {
			// A target this instance cannot interpret (a pattern it cannot compile):
			// dropping the whole cache is always safe.
			target.invalidateLocally(Invalidation.all(invalidation.cacheName()));
		}
		this.counters.invalidationsReceived.increment();
	}

	private void watch() {
		long now = this.clock.millis();
		if (this.state == SubscriptionState.SUBSCRIBED
				&& this.probe.deaf(now, this.settings.silenceTimeout().toMillis())) {
			if (!this.probe.cutOff()) {
				lost(LossCause.SUBSCRIPTION_SILENT, "this instance's own messages stopped arriving; subscribing again");
			}
			// Otherwise Redis stopped answering this instance's publishes too:
			// the message went down with Redis, not past a deaf subscription.
			// L1 keeps serving, as in any outage, and the new subscription
			// flushes it once Redis answers (RESUBSCRIBED); flushing now would
			// only send every read to the loaders.
			this.probe.reset();
			closeConnection();
			subscribe();
		}
		if (this.peers.detectSilence(now)) {
			lost(LossCause.PEER_SILENT, "another instance went silent without saying goodbye");
		}
	}

	private void lost(LossCause cause, String detail) {
		this.counters.loss(cause);
		throttled.warn("Flushing this instance's L1: it may have missed cache invalidations (" + detail + ")", null);
		flush();
	}

	private void flush() {
		TieredCacheManager target = this.caches;
		if (target != null) {
			target.invalidateAllLocally();
		}
	}

	private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		ScheduledExecutorService thread = this.executor;
		if (thread != null) {
			try {
				return thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Stopping: no more attempts.
			}
		}
		return null;
	}

	private void cancelRetry() {
		ScheduledFuture<?> pending = this.retry;
		this.retry = null;
		if (pending != null) {
			pending.cancel(false);
		}
	}

	private void closeConnection() {
		RedisConnection open = this.connection;
		this.connection = null;
		closeQuietly(open);
	}

	private static void closeQuietly(@Nullable RedisConnection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close the cache invalidation subscription", ex);
			}
		}
	}

}
