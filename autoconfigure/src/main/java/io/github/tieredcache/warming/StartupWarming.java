package io.github.tieredcache.warming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Warms the caches once the application context is refreshed. Spring Boot reports an
 * application ready ({@code ReadinessState.ACCEPTING_TRAFFIC}) only after its
 * {@link ApplicationRunner}s have run, so while this runner waits for the warmers (at
 * most {@code startup-timeout}) the instance keeps refusing traffic and a load balancer
 * does not send requests to its cold caches; liveness is unaffected. With
 * {@code hold-readiness=false} the warmers run in the background instead.
 *
 * <p>
 * Long warms log their progress every {@code progressInterval}. A failed or late warmer
 * is logged and the application starts anyway, unless {@code fail-fast} is set. Elapsed
 * time, and so the timeout, is read from the warming's ticker
 * ({@link CacheWarming.Builder#ticker}).
 */
public final class StartupWarming implements ApplicationRunner, Ordered {

	/**
	 * Default longest time start-up warming holds the application's readiness.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Default interval between two progress reports while start-up warming waits.
	 */
	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(StartupWarming.class);

	private final CacheWarming warming;

	private final Duration timeout;

	private final boolean holdReadiness;

	private final boolean failFast;

	private final Duration progressInterval;

	private final Supplier<CompletionStage<?>> listening;

	private final Duration listeningWait;

	/**
	 * Creates start-up warming.
	 * @param warming the warmers
	 * @param timeout how long to hold readiness at most, positive
	 * @param holdReadiness whether to wait for the warmers before the application is
	 * ready
	 * @param failFast whether a failed or late warmer stops the application
	 * @param progressInterval how often to log progress while waiting, positive
	 * @param listening completes once this instance hears other instances' invalidations
	 * (the invalidation bus has subscribed); warming starts then, since the first
	 * subscription empties L1
	 * @param listeningWait how long to wait for {@code listening} at most (Redis may be
	 * down)
	 */
	public StartupWarming(CacheWarming warming, Duration timeout, boolean holdReadiness, boolean failFast,
			Duration progressInterval, Supplier<CompletionStage<?>> listening, Duration listeningWait) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				() -> "timeout must be positive but was " + timeout);
		Assert.isTrue(progressInterval != null && !progressInterval.isNegative() && !progressInterval.isZero(),
				() -> "progressInterval must be positive but was " + progressInterval);
		this.listening = listening;
		this.listeningWait = listeningWait;
		if (failFast && !holdReadiness) {
			logger.warn("tiered-cache.warming.fail-fast has no effect with hold-readiness=false: warmers run in the "
					+ "background once the application has started");
		}
		this.warming = warming;
		this.timeout = timeout;
		this.holdReadiness = holdReadiness;
		this.failFast = failFast;
		this.progressInterval = progressInterval;
	}

	/**
	 * Before the application's own runners, so they find warm caches.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		long start = this.warming.ticker().read();
		List<WarmerState> warmers = this.warming.warmers()
			.stream()
			.filter((state) -> state.policy().onStartup())
			.toList();
		if (warmers.isEmpty()) {
			return;
		}
		if (!this.holdReadiness) {
			logger.info("Warming " + warmers.size() + " cache warmer(s) in the background");
			startWhenListening(warmers, start + this.timeout.toNanos())
				.thenAccept((runs) -> CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
					.whenComplete((done, failure) -> summarize(warmers, runs, start, true)));
			return;
		}
		logger.info("Warming " + warmers.size() + " cache warmer(s) before accepting traffic (at most " + this.timeout
				+ ")");
		long deadline = start + this.timeout.toNanos();
		List<CompletableFuture<WarmerState>> runs;
		try {
			runs = startWhenListening(warmers, deadline).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not start the cache warmers", ex.getCause());
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
		while (!all.isDone()) {
			long left = deadline - this.warming.ticker().read();
			if (left <= 0) {
				break;
			}
			try {
				all.get(Math.min(left, this.progressInterval.toNanos()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				logProgress(runs);
			}
			catch (ExecutionException ex) {
				// Runs never complete exceptionally; their failures are in their states
			}
		}
		boolean finished = summarize(warmers, runs, start, all.isDone());
		if (this.failFast && !finished) {
			List<WarmerState> failed = failed(warmers, runs);
			throw new CacheWarmingException("Start-up warming failed: "
					+ failed.stream()
						.map((state) -> state.name() + " (" + describe(state) + ")")
						.collect(Collectors.joining(", "))
					+ ". Fix the warmer, raise its timeout or tiered-cache.warming.startup-timeout, or set "
					+ "tiered-cache.warming.fail-fast=false to start with cold caches", failed);
		}
	}

	/**
	 * Starts the warmers, highest priority first, once this instance hears other
	 * instances' invalidations, so that nothing warmed is dropped by the flush that
	 * follows the bus's first subscription (nor kept after an invalidation published
	 * before it); or after {@code listeningWait} (Redis may be down), never past the
	 * deadline.
	 */
	private CompletableFuture<List<CompletableFuture<WarmerState>>> startWhenListening(List<WarmerState> warmers,
			long deadline) {
		long wait = Math.max(0, Math.min(deadline - this.warming.ticker().read(), this.listeningWait.toNanos()));
		return this.listening.get()
			.toCompletableFuture()
			.handle((subscribed, failure) -> failure == null)
			.completeOnTimeout(false, wait, TimeUnit.NANOSECONDS)
			.thenApply((listening) -> {
				if (!listening) {
					logger.info("Warming before this instance hears other instances' invalidations (Redis "
							+ "unreachable?); once it does, L1 is emptied and entries warmed in the last few seconds "
							+ "are removed from Redis again, since an invalidation may have been missed");
				}
				return warmers.stream().map((state) -> this.warming.warm(state.name())).toList();
			});
	}

	private void logProgress(List<CompletableFuture<WarmerState>> runs) {
		long done = runs.stream().filter(CompletableFuture::isDone).count();
		long entries = runs.stream()
			.filter(CompletableFuture::isDone)
			.mapToLong((run) -> Math.max(0, run.join().lastEntries()))
			.sum();
		String running = this.warming.warmers()
			.stream()
			.filter((state) -> state.status() == WarmerState.Status.RUNNING)
			.map(WarmerState::name)
			.collect(Collectors.joining(", "));
		logger.info("Warming caches: " + done + " of " + runs.size() + " warmers done (" + (done * 100 / runs.size())
				+ "%), " + String.format("%,d", entries) + " entries written; running: " + running);
	}

	/**
	 * Logs the outcome.
	 * @return whether every warmer finished successfully
	 */
	private boolean summarize(List<WarmerState> warmers, List<CompletableFuture<WarmerState>> runs, long start,
			boolean allDone) {
		long took = TimeUnit.NANOSECONDS.toMillis(this.warming.ticker().read() - start);
		List<WarmerState> failed = failed(warmers, runs);
		long entries = runs.stream()
			.filter(CompletableFuture::isDone)
			.mapToLong((run) -> Math.max(0, run.join().lastEntries()))
			.sum();
		String outcome = "Start-up warming " + (allDone ? "finished" : "stopped waiting") + " after " + took + " ms: "
				+ (runs.size() - failed.size()) + " of " + runs.size() + " warmers succeeded, "
				+ String.format("%,d", entries) + " entries written";
		if (failed.isEmpty()) {
			logger.info(outcome);
			return true;
		}
		logger.warn(outcome + "; not warmed: "
				+ failed.stream()
					.map((state) -> state.name() + " (" + describe(state) + ")")
					.collect(Collectors.joining(", ")));
		return false;
	}

	private static List<WarmerState> failed(List<WarmerState> warmers, List<CompletableFuture<WarmerState>> runs) {
		List<WarmerState> failed = new ArrayList<>();
		for (int i = 0; i < warmers.size(); i++) {
			if (!runs.get(i).isDone() || warmers.get(i).status() != WarmerState.Status.SUCCEEDED) {
				failed.add(warmers.get(i));
			}
		}
		return failed;
	}

	private static String describe(WarmerState state) {
		return switch (state.status()) {
			case FAILED -> "failed: " + state.lastError();
			case TIMED_OUT -> "timed out";
			case SUCCEEDED -> "succeeded";
			default -> "still running";
		};
	}

}
