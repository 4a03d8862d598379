package io.github.tieredcache.actuate;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.github.tieredcache.cache.CacheThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * A {@link RemoteTierProbe} that sends {@code PING} (and, to inspect, {@code INFO memory}
 * and {@code INFO stats}) through the application's {@link RedisConnectionFactory}.
 *
 * <p>
 * The caller waits at most the configured timeout, whatever the connection's own command
 * timeout: the commands run on one background thread, and while a probe is still waiting
 * for Redis, later probes wait for that same one instead of queueing more commands behind
 * it. Error messages are stripped of any {@code user:password@} part. Thread-safe; call
 * {@link #close()} to stop the background thread.
 */
public final class RedisRemoteTierProbe implements RemoteTierProbe, AutoCloseable {

	/**
	 * Default time a caller waits for Redis to answer.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

	private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

	private final RedisConnectionFactory connectionFactory;

	private final Duration timeout;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(CacheThreads.named("tiered-cache-redis-probe"));

	private @Nullable InFlight inFlight;

	/**
	 * Creates a probe.
	 * @param connectionFactory the connection factory the cache uses
	 * @param timeout how long a caller waits for an answer
	 */
	public RedisRemoteTierProbe(RedisConnectionFactory connectionFactory, Duration timeout) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				() -> "timeout must be positive but was " + timeout);
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	@Override
	public RemoteTierStatus ping() {
		return probe(false);
	}

	@Override
	public RemoteTierStatus inspect() {
		return probe(true);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private RemoteTierStatus probe(boolean withMemory) {
		long start = System.nanoTime();
		try {
			// Callers joining a probe share its deadline: the health indicators that ask
			// in one health request wait for one timeout in all, not one each
			InFlight probe = submit(withMemory);
			long left = this.timeout.toNanos() - (start - probe.startNanos());
			return probe.result().get(Math.max(0, left), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return RemoteTierStatus.unreachable(since(start), "No answer within " + this.timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return RemoteTierStatus.unreachable(since(start), "Interrupted while waiting for Redis");
		}
		catch (ExecutionException ex) {
			return RemoteTierStatus.unreachable(since(start), describe(ex.getCause()));
		}
		catch (RuntimeException ex) {
			return RemoteTierStatus.unreachable(since(start), describe(ex));
		}
	}

	private synchronized InFlight submit(boolean withMemory) {
		InFlight current = this.inFlight;
		if (current != null && !current.result().isDone()) {
			return current;
		}
		InFlight next = new InFlight(System.nanoTime(),
				CompletableFuture.supplyAsync(() -> check(withMemory), this.executor));
		this.inFlight = next;
		return next;
	}

	private RemoteTierStatus check(boolean withMemory) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			long start = System.nanoTime();
			connection.ping();
			RemoteTierStatus status = RemoteTierStatus.reachable(since(start));
			if (!withMemory) {
				return status;
			}
			return status.withMemory(number(connection.serverCommands().info("memory"), "used_memory"),
					number(connection.serverCommands().info("stats"), "evicted_keys"));
		}
	}

	private static @Nullable Long number(@Nullable Properties info, String name) {
		String value = (info != null) ? info.getProperty(name) : null;
		if (value == null) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private static String describe(@Nullable Throwable failure) {
		if (failure == null) {
			return "Unknown failure";
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = failure.getClass().getSimpleName()
				+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		if (cause != failure && cause.getMessage() != null) {
			message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
		}
		return USER_INFO.matcher(message).replaceAll("//");
	}

	/**
	 * A probe still waiting for Redis, and when it was sent.
	 */
	private record InFlight(long startNanos, CompletableFuture<RemoteTierStatus> result) {

	}

}
