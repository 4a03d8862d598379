package io.github.tieredcache.warming;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.tieredcache.cache.CacheThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs warmers on a pool of {@code max-concurrency} daemon threads, each run raced by its
 * timeout on a watchdog thread, and records the outcome in the warmer's
 * {@link WarmerState}. A run that outlives its timeout is interrupted and nothing it
 * loads afterwards is written; a run that throws is logged and counted; neither affects
 * other warmers. A warmer never runs twice at once: whoever asks while a run is queued or
 * going waits for that run. Thread-safe.
 */
final class WarmerRunner {

	// Logs under the public type, so logging configuration written for it still applies
	private static final Log logger = LogFactory.getLog(CacheWarming.class);

	private final WarmerFill fill;

	private final Clock clock;

	private final Ticker ticker;

	private final Duration defaultTimeout;

	private final ExecutorService pool;

	private final ScheduledExecutorService watchdog;

	WarmerRunner(WarmerFill fill, Clock clock, Ticker ticker, Duration defaultTimeout, int maxConcurrency) {
		this.fill = fill;
		this.clock = clock;
		this.ticker = ticker;
		this.defaultTimeout = defaultTimeout;
		this.pool = Executors.newFixedThreadPool(maxConcurrency, CacheThreads.numbered("tiered-cache-warming-"));
		this.watchdog = Executors
			.newSingleThreadScheduledExecutor(CacheThreads.numbered("tiered-cache-warming-watchdog-"));
	}

	/**
	 * Runs a warmer on the pool, unless a run of it is already queued or going.
	 * @param warmup the warmer
	 * @return completes with the warmer's state once the run has ended (or that of the
	 * run already going)
	 */
	CompletableFuture<WarmerState> run(Warmup warmup) {
		WarmerState state = warmup.state();
		CompletableFuture<WarmerState> done = new CompletableFuture<>();
		CompletableFuture<WarmerState> going = state.reserve(done);
		if (going != null) {
			// Already queued or running: whoever asks waits for that run
			return going;
		}
		try {
			this.pool.execute(() -> {
				try {
					execute(warmup);
				}
				finally {
					state.release();
					done.complete(state);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shutting down
			state.release();
			done.complete(state);
		}
		return done;
	}

	/**
	 * Interrupts running warmers and drops queued ones; later runs complete at once
	 * without running.
	 */
	void shutdownNow() {
		this.pool.shutdownNow();
		this.watchdog.shutdownNow();
	}

	private void execute(Warmup warmup) {
		WarmerState state = warmup.state();
		Duration timeout = (state.policy().timeout() != null) ? state.policy().timeout() : this.defaultTimeout;
		state.started(this.clock.instant());
		long start = this.ticker.read();
		WarmerRun run = new WarmerRun(Thread.currentThread());
		ScheduledFuture<?> deadline = this.watchdog.schedule(() -> {
			if (run.timeOut(() -> state.timedOut(Duration.ofNanos(this.ticker.read() - start)))) {
				logger.warn("Warmer '" + state.name() + "' did not finish loading within " + timeout
						+ " and was interrupted; raise its timeout (tiered-cache.warming.warmers." + state.name()
						+ ".timeout) if it needs longer");
			}
		}, timeout.toNanos(), TimeUnit.NANOSECONDS);
		try {
			long entries = this.fill.fill(warmup.definition(), run);
			if (run.end()) {
				Duration took = Duration.ofNanos(this.ticker.read() - start);
				state.succeeded(took, entries);
				logger.info("Warmer '" + state.name() + "' " + describe(entries, state.cache()) + " in "
						+ took.toMillis() + " ms");
			}
		}
		catch (Throwable ex) {
			if (run.end()) {
				state.failed(Duration.ofNanos(this.ticker.read() - start), ex);
				logger.warn("Warmer '" + state.name() + "' (" + state.origin() + ") failed; the application carries "
						+ "on with cold entries", ex);
			}
			if (ex instanceof Error error && !(ex instanceof AssertionError)) {
				throw error;
			}
		}
		finally {
			deadline.cancel(false);
			run.leave();
		}
	}

	private static String describe(long entries, @Nullable String cache) {
		if (entries < 0) {
			return "finished";
		}
		return "wrote " + String.format("%,d", entries) + ((entries == 1) ? " entry" : " entries") + " to cache '"
				+ cache + "'";
	}

}
