package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Runs a tiered cache's background work: refresh-ahead and hot-key reloads, and the
 * re-evictions of bulk fills. Background work is optional (a refresh that does not run
 * leaves the entry to expire and be loaded on the next read), so a full executor refuses
 * new work rather than making readers wait.
 * <p>
 * {@link #create(int, int)} gives an executor of the cache's own, with named daemon
 * threads ({@code tiered-cache-refresh-1}, ...) that end when idle, so that blocking
 * loaders never compete with the application's common fork-join pool. It is deliberately
 * not a {@link Executor}, so that declaring it as a bean leaves Spring Boot's application
 * task executor in place. Thread-safe.
 */
public final class RefreshExecutor implements AutoCloseable {

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private final Executor executor;

	private final @Nullable ExecutorService owned;

	private RefreshExecutor(Executor executor, @Nullable ExecutorService owned) {
		this.executor = executor;
		this.owned = owned;
	}

	/**
	 * Creates an executor with threads of its own.
	 * @param threads at most this many tasks run at once
	 * @param queueCapacity at most this many tasks wait; more are refused
	 * @return the executor, to close when the caches are no longer used
	 */
	public static RefreshExecutor create(int threads, int queueCapacity) {
		Assert.isTrue(threads > 0, () -> "threads must be positive but was " + threads);
		Assert.isTrue(queueCapacity > 0, () -> "queueCapacity must be positive but was " + queueCapacity);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_TIMEOUT.toMillis(),
				TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
				CacheThreads.numbered("tiered-cache-refresh-"), new ThreadPoolExecutor.AbortPolicy());
		pool.allowCoreThreadTimeOut(true);
		return new RefreshExecutor(pool, pool);
	}

	/**
	 * Creates the executor a cache manager uses unless told otherwise: as many threads as
	 * processors, at least two, and 1,000 waiting tasks.
	 * @return the executor
	 */
	public static RefreshExecutor createDefault() {
		return create(Math.max(2, Runtime.getRuntime().availableProcessors()), 1000);
	}

	/**
	 * Runs background work on an executor of the application's; closing the returned
	 * object leaves that executor alone.
	 * @param executor the executor
	 * @return the refresh executor
	 */
	public static RefreshExecutor of(Executor executor) {
		Assert.notNull(executor, "executor must not be null");
		return new RefreshExecutor(executor, null);
	}

	/**
	 * Runs a task in the background.
	 * @param task the task
	 * @throws RejectedExecutionException if the executor is full or closed
	 */
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	/**
	 * Stops the threads this executor created; tasks still waiting are dropped.
	 */
	@Override
	public void close() {
		if (this.owned != null) {
			this.owned.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "RefreshExecutor[" + this.executor + "]";
	}

}
