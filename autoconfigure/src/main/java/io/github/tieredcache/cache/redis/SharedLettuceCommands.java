package io.github.tieredcache.cache.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.tieredcache.cache.CacheThreads;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.netty.util.concurrent.EventExecutorGroup;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs commands asynchronously on the Lettuce connection that a
 * {@link LettuceConnectionFactory} shares between all its users (the default), and waits
 * for each at most the cache's own timeout, cancelling it after that. This is how Spring
 * Data's own synchronous commands work (an asynchronous command awaited on the caller's
 * thread), so bounding them by the cache's timeout instead of the client's costs no extra
 * thread; and the shared connection is the one borrowed Spring Data connections would use
 * anyway, so topology (standalone, Sentinel, Cluster), TLS, credentials and Lettuce
 * observation are unchanged. On a cluster, Lettuce routes each command by slot, splits a
 * multi-key {@code UNLINK} per slot and walks {@code SCAN} over every master.
 *
 * <p>
 * Thread-safe: Lettuce connections are. The shared connection is looked up (and so
 * connected) in the background from construction; a call that finds it not ready waits
 * for it within the timeout too. It is looked up again once it has been closed, which
 * happens when the factory is reset.
 */
final class SharedLettuceCommands implements TierCommands {

	private static final ThreadFactory CONNECT_THREADS = CacheThreads.named("tiered-cache-redis-connect");

	private final LettuceConnectionFactory connectionFactory;

	private final long timeoutNanos;

	private final ScriptDigests digests = new ScriptDigests();

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	/**
	 * Lettuce's computation threads, which deliver the outcomes of asynchronous commands;
	 * known once connected.
	 */
	private volatile @Nullable EventExecutorGroup callbacks;

	private @Nullable CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connecting;

	SharedLettuceCommands(RedisConnectionFactory connectionFactory, Duration timeout) {
		this.connectionFactory = (LettuceConnectionFactory) connectionFactory;
		this.timeoutNanos = timeout.toNanos();
		// Start connecting now, in the background, so that the first cache calls need not
		// wait for the client's start-up; start-up itself never waits for Redis. Under
		// the
		// lock, like every other attempt, so that the attempt (which may finish at once)
		// forgets itself only after it has been recorded
		synchronized (this) {
			this.connecting = connect();
		}
	}

	static boolean supports(RedisConnectionFactory connectionFactory) {
		return connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.getShareNativeConnection();
	}

	@Override
	public byte @Nullable [] get(byte[] key) {
		return await((redis) -> redis.get(key));
	}

	@Override
	public void set(byte[] key, byte[] value, long ttlMillis) {
		await((redis) -> redis.set(key, value, SetArgs.Builder.px(ttlMillis)));
	}

	/**
	 * Sends every {@code SET} before awaiting any reply (Lettuce writes commands as they
	 * are issued, so they travel as one pipeline), then waits for all of them within one
	 * timeout, cancelling those still outstanding after it.
	 */
	@Override
	public void setAll(byte[][] keys, byte[][] values, long[] ttlMillis) {
		RedisClusterAsyncCommands<byte[], byte[]> shared = connected();
		RedisFuture<?>[] replies = new RedisFuture<?>[keys.length];
		try {
			for (int i = 0; i < keys.length; i++) {
				replies[i] = shared.set(keys[i], values[i], SetArgs.Builder.px(ttlMillis[i]));
			}
			if (!LettuceFutures.awaitAll(this.timeoutNanos, TimeUnit.NANOSECONDS, replies)) {
				throw new RedisCommandTimeoutException("Redis did not acknowledge " + keys.length + " writes within "
						+ Duration.ofNanos(this.timeoutNanos).toMillis() + " ms");
			}
		}
		catch (RuntimeException ex) {
			for (RedisFuture<?> reply : replies) {
				if (reply != null) {
					reply.cancel(true);
				}
			}
			forgetIfClosed(shared);
			throw ex;
		}
	}

	@Override
	public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
		return "OK".equals(await((redis) -> redis.set(key, value, SetArgs.Builder.nx().px(ttlMillis))));
	}

	@Override
	public byte @Nullable [] setIfAbsentGet(byte[] key, byte[] value, long ttlMillis) {
		return await((redis) -> redis.setGet(key, value, SetArgs.Builder.nx().px(ttlMillis)));
	}

	@Override
	public long unlink(byte[]... keys) {
		Long removed = await((redis) -> redis.unlink(keys));
		return (removed != null) ? removed : 0;
	}

	@Override
	public byte @Nullable [] evalValue(byte[] script, byte[] key, byte[]... args) {
		return evaluate(script, ScriptOutputType.VALUE, key, args);
	}

	@Override
	public long evalInteger(byte[] script, byte[] key, byte[]... args) {
		Long result = evaluate(script, ScriptOutputType.INTEGER, key, args);
		return (result != null) ? result : 0;
	}

	@Override
	public long unlinkMatching(byte[] pattern, int batchSize) {
		ScanArgs args = ScanArgs.Builder.matches(pattern).limit(batchSize);
		long removed = 0;
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			ScanCursor from = cursor;
			KeyScanCursor<byte[]> step = await((redis) -> redis.scan(from, args));
			if (step == null) {
				break;
			}
			List<byte[]> keys = step.getKeys();
			if (!keys.isEmpty()) {
				removed += unlink(keys.toArray(byte[][]::new));
			}
			cursor = step;
		}
		while (!cursor.isFinished());
		return removed;
	}

	@Override
	public List<byte[]> evalList(byte[] script, byte[] key, byte[]... args) {
		List<byte[]> result = evaluate(script, ScriptOutputType.MULTI, key, args);
		return (result != null) ? result : List.of();
	}

	/**
	 * {@code EVALSHA}, falling back to {@code EVAL} (which also loads the script) when
	 * Redis does not hold it.
	 */
	private <T> @Nullable T evaluate(byte[] script, ScriptOutputType type, byte[] key, byte[][] args) {
		String digest = this.digests.of(script);
		byte[][] keys = { key };
		try {
			return await((redis) -> redis.<T>evalsha(digest, type, keys, args));
		}
		catch (RuntimeException ex) {
			if (!ScriptDigests.isNoScript(ex)) {
				throw ex;
			}
		}
		return await((redis) -> redis.<T>eval(script, type, keys, args));
	}

	@Override
	public long publish(byte[] channel, byte[] message) {
		Long receivers = await((redis) -> redis.publish(channel, message));
		return (receivers != null) ? receivers : 0;
	}

	@Override
	public CompletableFuture<byte @Nullable []> getAsync(byte[] key) {
		return submit((redis) -> redis.get(key));
	}

	@Override
	public CompletableFuture<byte @Nullable []> setIfAbsentGetAsync(byte[] key, byte[] value, long ttlMillis) {
		return submit((redis) -> redis.setGet(key, value, SetArgs.Builder.nx().px(ttlMillis)));
	}

	@Override
	public CompletableFuture<byte @Nullable []> evalValueAsync(byte[] script, byte[] key, byte[]... args) {
		return evaluateAsync(script, ScriptOutputType.VALUE, key, args);
	}

	@Override
	public CompletableFuture<Long> evalIntegerAsync(byte[] script, byte[] key, byte[]... args) {
		return this.<Long>evaluateAsync(script, ScriptOutputType.INTEGER, key, args)
			.thenApply((result) -> (result != null) ? result : 0L);
	}

	@Override
	public CompletableFuture<Long> unlinkAsync(byte[]... keys) {
		return submit((redis) -> redis.unlink(keys)).thenApply((removed) -> (removed != null) ? removed : 0L);
	}

	/**
	 * {@code EVALSHA}, falling back to {@code EVAL} when Redis does not hold the script,
	 * without waiting for either.
	 */
	private <T> CompletableFuture<@Nullable T> evaluateAsync(byte[] script, ScriptOutputType type, byte[] key,
			byte[][] args) {
		String digest = this.digests.of(script);
		byte[][] keys = { key };
		return this.<T>submit((redis) -> redis.evalsha(digest, type, keys, args))
			.exceptionallyCompose((failure) -> ScriptDigests.isNoScript(failure)
					? submit((redis) -> redis.<T>eval(script, type, keys, args))
					: CompletableFuture.failedFuture(failure));
	}

	/**
	 * Sends a command without waiting for it: the future completes with Redis' answer, or
	 * fails once the timeout has run out (cancelling the command), counting any wait for
	 * the connection.
	 */
	private <T> CompletableFuture<@Nullable T> submit(
			Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		CompletableFuture<@Nullable T> reply = new CompletableFuture<>();
		CommandTimeouts.bound(reply, this.timeoutNanos, this::timedOut, callbackExecutor());
		RedisClusterAsyncCommands<byte[], byte[]> shared = this.commands;
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connection = (shared != null)
				? CompletableFuture.completedFuture(shared) : connecting();
		connection.whenComplete((redis, notConnected) -> {
			if (notConnected != null) {
				reply.completeExceptionally(
						new RedisConnectionFailureException("Could not connect to Redis", unwrap(notConnected)));
				return;
			}
			if (reply.isDone()) {
				return;
			}
			RedisFuture<T> sent;
			try {
				sent = command.apply(redis);
			}
			catch (RuntimeException ex) {
				forgetIfClosed(redis);
				reply.completeExceptionally(ex);
				return;
			}
			// Lettuce completes the command on its I/O thread; whatever the caller
			// chained
			// to the reply (decoding, the application's loader, Spring's blocking put
			// after
			// a miss) runs on a computation thread instead, where waiting for Redis
			// cannot
			// hold up the replies that only the I/O thread reads
			Executor callbacks = callbackExecutor();
			sent.whenComplete((value, failure) -> callbacks.execute(() -> {
				if (failure == null) {
					reply.complete(value);
					return;
				}
				forgetIfClosed(redis);
				reply.completeExceptionally(unwrap(failure));
			}));
			reply.whenComplete((value, failure) -> {
				if (!sent.isDone()) {
					sent.cancel(true);
				}
			});
		});
		return reply;
	}

	private RedisCommandTimeoutException timedOut() {
		return new RedisCommandTimeoutException(
				"Command timed out after " + Duration.ofNanos(this.timeoutNanos).toMillis() + " ms");
	}

	/**
	 * Where the outcome of an asynchronous command is delivered: Lettuce's computation
	 * threads (the pool Lettuce itself emits reactive signals on when asked to keep them
	 * off its I/O threads), known once connected; before that, only a timeout can be
	 * delivered, on the common pool.
	 */
	private Executor callbackExecutor() {
		EventExecutorGroup group = this.callbacks;
		return (group != null) ? group : ForkJoinPool.commonPool();
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private <T> @Nullable T await(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		RedisClusterAsyncCommands<byte[], byte[]> shared = connected();
		try {
			return LettuceFutures.awaitOrCancel(command.apply(shared), this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			forgetIfClosed(shared);
			throw ex;
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> connected() {
		RedisClusterAsyncCommands<byte[], byte[]> shared = this.commands;
		return (shared != null) ? shared : sharedCommands();
	}

	private void forgetIfClosed(RedisClusterAsyncCommands<byte[], byte[]> shared) {
		if (!isOpen(shared)) {
			// Closed, not merely disconnected (Lettuce reconnects those): the factory was
			// reset, so look its new shared connection up
			this.commands = null;
		}
	}

	private static boolean isOpen(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		if (commands instanceof RedisAsyncCommands<?, ?> standalone) {
			return standalone.getStatefulConnection().isOpen();
		}
		if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
			return cluster.getStatefulConnection().isOpen();
		}
		return false;
	}

	/**
	 * Looks the shared connection up, which connects it the first time. Connecting can
	 * take up to Lettuce's own timeouts (a frozen Redis accepts the TCP connection but
	 * never answers the handshake), so it runs on a thread of its own that callers wait
	 * for at most the command timeout; one attempt at a time.
	 */
	private RedisClusterAsyncCommands<byte[], byte[]> sharedCommands() {
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> attempt = connecting();
		try {
			return attempt.get(this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new RedisConnectionFailureException("Not connected to Redis within "
					+ Duration.ofNanos(this.timeoutNanos).toMillis() + " ms; still trying in the background");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new RedisConnectionFailureException("Could not connect to Redis", cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisConnectionFailureException("Interrupted while connecting to Redis", ex);
		}
	}

	/**
	 * Returns the connection attempt under way, or starts one.
	 */
	private synchronized CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connecting() {
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> attempt = this.connecting;
		// An attempt already over found a connection that has since been forgotten: look
		// the factory's current one up again
		if (attempt == null || attempt.isDone()) {
			attempt = connect();
			this.connecting = attempt;
		}
		return attempt;
	}

	private CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connect() {
		CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> attempt = new CompletableFuture<>();
		Thread thread = CONNECT_THREADS.newThread(() -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				RedisClusterAsyncCommands<byte[], byte[]> shared = ((LettuceConnection) connection)
					.getNativeConnection();
				this.callbacks = this.connectionFactory.getRequiredNativeClient().getResources().eventExecutorGroup();
				this.commands = shared;
				attempt.complete(shared);
			}
			catch (Throwable ex) {
				attempt.completeExceptionally(ex);
			}
			synchronized (this) {
				if (this.connecting == attempt && !attempt.isCompletedExceptionally()) {
					this.connecting = null;
				}
			}
		});
		thread.start();
		return attempt;
	}

}
