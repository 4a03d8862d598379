package io.github.tieredcache.invalidation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs delayed invalidations on one daemon thread. A failing invalidation is logged and
 * does not stop later ones. Shut down with the application context.
 */
final class InvalidationScheduler implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(InvalidationScheduler.class);

	private final ScheduledExecutorService executor = Executors
		.newSingleThreadScheduledExecutor(CacheThreads.named("tiered-cache-invalidation"));

	ScheduledInvalidation schedule(Duration delay, Runnable invalidation) {
		ScheduledFuture<?> future = this.executor.schedule(() -> {
			try {
				invalidation.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A delayed cache invalidation failed", ex);
			}
		}, delay.toNanos(), TimeUnit.NANOSECONDS);
		return new ScheduledInvalidation() {

			@Override
			public boolean cancel() {
				return future.cancel(false);
			}

			@Override
			public boolean isDone() {
				return future.isDone();
			}

		};
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
