package io.github.tieredcache.write;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import io.github.tieredcache.serialization.CacheValueSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * The write-behind queues of an application's caches: one Redis stream per cache with a
 * consumer group that every instance joins, a worker per cache on this instance that runs
 * the queued writes, and the queued values that reads consult while a write waits.
 * Started and stopped with the application context; stopping drains this instance's held
 * writes for at most the shutdown timeout, and what is left stays queued for the other
 * instances.
 *
 * <p>
 * Without Redis ({@code connectionFactory} {@code null}) nothing is queued and every
 * {@code @WriteBehind} method runs synchronously. Thread-safe. Created by the
 * auto-configuration; applications read it through {@link #stats(String)} and the
 * {@code tieredcache} actuator endpoint.
 */
public final class WriteBehindQueues implements SmartLifecycle {

	/**
	 * Default time after which an entry another instance left unacknowledged is taken
	 * over: 30 seconds.
	 */
	public static final Duration DEFAULT_CLAIM_AFTER = Duration.ofSeconds(30);

	/**
	 * Default longest time a graceful shutdown waits for this instance's writes: 10
	 * seconds.
	 */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(WriteBehindQueues.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final @Nullable BoundedRedisCommands commands;

	private final String keyPrefix;

	private final @Nullable StoredArguments arguments;

	private final Function<String, WriteBehindSettings> settings;

	private final Clock clock;

	private final Duration claimAfter;

	private final Duration shutdownTimeout;

	private final Duration redisTimeout;

	private final Supplier<CacheManager> cacheManager;

	private final WriteBehindMethods methods;

	private final String consumer;

	private final Map<String, CacheQueue> queues = new ConcurrentHashMap<>();

	private final Map<String, WriteBehindCounters> counters = new ConcurrentHashMap<>();

	private final ThrottledLogger fallbackWarnings = new ThrottledLogger(logger, Duration.ofSeconds(30));

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Creates the queues.
	 * @param connectionFactory the application's Redis, or {@code null} to run every
	 * write synchronously
	 * @param redisTimeout the longest one Redis command may take
	 * @param keyPrefix the cache key prefix the streams are named under
	 * @param serializer serializes arguments and queued values, {@code null} without
	 * Redis
	 * @param settings the write-behind settings by cache name
	 * @param clock tells delays and back-offs
	 * @param claimAfter idle time after which another instance's entries are taken over
	 * @param shutdownTimeout longest time stopping waits for this instance's writes
	 * @param cacheManager resolves caches on first use
	 * @param beanFactory the beans that run queued writes
	 */
	public WriteBehindQueues(@Nullable RedisConnectionFactory connectionFactory, Duration redisTimeout,
			String keyPrefix, @Nullable CacheValueSerializer serializer, Function<String, WriteBehindSettings> settings,
			Clock clock, Duration claimAfter, Duration shutdownTimeout, Supplier<CacheManager> cacheManager,
			BeanFactory beanFactory) {
		checkClaimAfter(claimAfter);
		checkShutdownTimeout(shutdownTimeout);
		boolean redis = connectionFactory != null && serializer != null;
		this.commands = redis ? BoundedRedisCommands.forFactory(connectionFactory, redisTimeout) : null;
		this.redisTimeout = redisTimeout;
		this.arguments = redis ? new StoredArguments(serializer) : null;
		this.keyPrefix = keyPrefix;
		this.settings = settings;
		this.clock = clock;
		this.claimAfter = claimAfter;
		this.shutdownTimeout = shutdownTimeout;
		this.cacheManager = cacheManager;
		this.methods = new WriteBehindMethods(beanFactory);
		this.consumer = ManagementFactory.getRuntimeMXBean().getName() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Checks a claim-after time: at least 100 ms.
	 * @param claimAfter the time
	 * @throws IllegalArgumentException if it is shorter
	 */
	public static void checkClaimAfter(Duration claimAfter) {
		Assert.isTrue(claimAfter.toMillis() >= 100, () -> "claim-after must be at least 100ms but was " + claimAfter);
	}

	/**
	 * Checks a shutdown timeout: not negative.
	 * @param shutdownTimeout the timeout
	 * @throws IllegalArgumentException if it is negative
	 */
	public static void checkShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(!shutdownTimeout.isNegative(),
				() -> "shutdown-timeout must not be negative but was " + shutdownTimeout);
	}

	/**
	 * Registers a {@code @WriteBehind} method, and its cache's queue on first use.
	 */
	void register(String beanName, WriteOperation operation) {
		this.methods.register(beanName, operation.method());
		queue(operation.cacheName());
	}

	private @Nullable CacheQueue queue(String cacheName) {
		BoundedRedisCommands redis = this.commands;
		StoredArguments stored = this.arguments;
		if (redis == null || stored == null) {
			// Running without Redis is the application's choice, told once at start-up
			// by whatever chose it: information here, not a warning
			if (this.counters.putIfAbsent(cacheName, new WriteBehindCounters()) == null) {
				logger.info("Cache '" + cacheName + "' has @WriteBehind methods but the application has no Redis; "
						+ "they run synchronously");
			}
			return null;
		}
		return this.queues.computeIfAbsent(cacheName, (name) -> {
			WriteBehindStream stream = new WriteBehindStream(redis, this.keyPrefix, name);
			WriteBehindCounters counts = this.counters.computeIfAbsent(name, (key) -> new WriteBehindCounters());
			WriteBehindWorker worker = new WriteBehindWorker(name, this.settings.apply(name), stream, this.methods,
					stored, this.clock, this.consumer, this.claimAfter, counts, (key) -> evict(name, key));
			return new CacheQueue(stream, worker, counts);
		});
	}

	private void evict(String cacheName, String encodedKey) {
		Cache cache = this.cacheManager.get().getCache(cacheName);
		if (cache instanceof TieredCache tiered) {
			tiered.evictEncoded(encodedKey);
		}
	}

	/**
	 * Queues a write.
	 * @return whether it was queued; {@code false} when the caller must run it now
	 */
	boolean enqueue(WriteOperation operation, TieredCache cache, Object key, @Nullable Object value,
			@Nullable Object[] args) {
		CacheQueue queue = queue(cache.getName());
		if (queue == null) {
			countSynchronous(cache.getName());
			return false;
		}
		StoredArguments stored = this.arguments;
		byte[] storedArguments;
		byte[] storedValue;
		try {
			storedArguments = stored.write(args);
			storedValue = stored.writeValue(value);
		}
		catch (RuntimeException ex) {
			countSynchronous(cache.getName());
			this.fallbackWarnings.warn("@WriteBehind method " + operation.methodId() + " ran synchronously: its "
					+ "arguments or value cannot be stored (" + ex.getMessage() + "); add their package to "
					+ "tiered-cache.serialization.allowed-packages or make them serializable", ex);
			return false;
		}
		try {
			// Past this deadline the caller has given up waiting and runs the write
			// itself
			long deadline = System.currentTimeMillis() + this.redisTimeout.toMillis();
			String id = queue.stream()
				.enqueue(cache.encodeKey(key), operation.methodId(), storedArguments, this.clock.millis(), storedValue,
						deadline);
			if (id == null) {
				countSynchronous(cache.getName());
				this.fallbackWarnings.warn("@WriteBehind method " + operation.methodId() + " of cache '"
						+ cache.getName() + "' ran synchronously: Redis received the write after "
						+ this.redisTimeout.toMillis() + " ms by its own clock; if it is not that slow, check that "
						+ "its clock and this machine's agree", null);
				return false;
			}
			queue.counters().queued.increment();
			return true;
		}
		catch (RuntimeException ex) {
			countSynchronous(cache.getName());
			this.fallbackWarnings.warn("Redis cannot be reached: @WriteBehind method " + operation.methodId()
					+ " of cache '" + cache.getName() + "' ran synchronously (" + ex + ")", ex);
			return false;
		}
	}

	private void countSynchronous(String cacheName) {
		this.counters.computeIfAbsent(cacheName, (key) -> new WriteBehindCounters()).synchronous.increment();
	}

	/**
	 * Returns whether a cache has a write-behind queue, so that its reads consult it.
	 * @param cacheName the cache
	 * @return whether writes to it are queued
	 */
	public boolean hasQueue(String cacheName) {
		return this.queues.containsKey(cacheName);
	}

	/**
	 * Returns the value of the latest write queued for a key, if one is queued.
	 * @return the queued value, or {@code null} when none is queued or Redis cannot say
	 */
	@Nullable Queued queued(String cacheName, String encodedKey) {
		CacheQueue queue = this.queues.get(cacheName);
		StoredArguments stored = this.arguments;
		if (queue == null || stored == null) {
			return null;
		}
		try {
			byte[] value = queue.stream().pendingValue(encodedKey);
			return (value != null) ? new Queued(stored.readValue(value)) : null;
		}
		catch (RuntimeException ex) {
			this.fallbackWarnings.warn("Cache '" + cacheName + "' could not read the queued write of a key from "
					+ "Redis; the read goes to the method (" + ex + ")", ex);
			return null;
		}
	}

	/**
	 * Returns the names of the caches with {@code @WriteBehind} methods.
	 * @return the cache names, sorted
	 */
	public Set<String> cacheNames() {
		return Collections.unmodifiableSet(new TreeSet<>(this.counters.keySet()));
	}

	/**
	 * Returns the state of a cache's queue, reading its figures from Redis.
	 * @param cacheName the cache
	 * @return the state, or {@code null} when the cache has no {@code @WriteBehind}
	 * methods
	 */
	public @Nullable WriteBehindStats stats(String cacheName) {
		WriteBehindCounters counts = this.counters.get(cacheName);
		if (counts == null) {
			return null;
		}
		CacheQueue queue = this.queues.get(cacheName);
		long[] figures = null;
		if (queue != null) {
			try {
				figures = queue.stream().stats();
			}
			catch (RuntimeException ex) {
				// Shown as unavailable
			}
		}
		Long oldest = (figures != null && figures[3] >= 0) ? Math.max(0, this.clock.millis() - figures[3]) : null;
		return new WriteBehindStats((figures != null) ? figures[0] : 0, (figures != null) ? figures[1] : 0, oldest,
				(figures != null) ? figures[2] : 0, counts.queued.sum(), counts.synchronous.sum(),
				counts.executed.sum(), counts.coalesced.sum(), counts.retries.sum(), counts.deadLettered.sum(),
				queue != null && figures == null);
	}

	/**
	 * Runs one round of every worker: for tests, which move the clock and then want the
	 * due writes started without waiting for the next poll.
	 */
	void tick() {
		this.queues.values().forEach((queue) -> queue.worker().tick());
	}

	@Nullable WriteBehindWorker worker(String cacheName) {
		CacheQueue queue = this.queues.get(cacheName);
		return (queue != null) ? queue.worker() : null;
	}

	/**
	 * Stops every worker as if the process were killed, for tests of the takeover.
	 */
	void halt() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
		}
		this.queues.values().forEach((queue) -> queue.worker().halt());
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null && this.commands != null) {
			ScheduledExecutorService started = Executors
				.newSingleThreadScheduledExecutor(CacheThreads.named("tiered-cache-write-behind"));
			started.scheduleWithFixedDelay(this::tick, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
					TimeUnit.MILLISECONDS);
			this.scheduler = started;
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running == null) {
			return;
		}
		this.scheduler = null;
		running.shutdown();
		try {
			running.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		this.queues.forEach((name, queue) -> {
			if (queue.worker().isHalted()) {
				return;
			}
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			if (!queue.worker().drain(left)) {
				logger.warn("Write-behind queue of cache '" + name + "' still held " + queue.worker().heldCount()
						+ " writes after " + this.shutdownTimeout + "; another instance takes them over after "
						+ this.claimAfter);
			}
		});
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Stops before the Redis connection factory and after a web server's graceful
	 * shutdown, so no new writes arrive while the held ones drain.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	/**
	 * A value a queued write cached.
	 *
	 * @param value the value, {@code null} for a cached {@code null}
	 */
	record Queued(@Nullable Object value) {
	}

	private record CacheQueue(WriteBehindStream stream, WriteBehindWorker worker, WriteBehindCounters counters) {
	}

}
