package io.github.tieredcache.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.tieredcache.warming.CacheWarming;
import io.github.tieredcache.warming.WarmerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of every cache warmer, read from its {@link WarmerState}: runs by result
 * ({@code tiered.cache.warmings}), entries written, the last run's duration and whether
 * it is running. Tags: {@code warmer}, {@code cache} ({@code none} for warmers that name
 * no cache) and, for runs, {@code result}.
 */
public final class WarmingMeterBinder implements MeterBinder {

	private final CacheWarming warming;

	/**
	 * Creates a binder.
	 * @param warming the application's warmers
	 */
	public WarmingMeterBinder(CacheWarming warming) {
		this.warming = warming;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WarmerState state : this.warming.warmers()) {
			String cache = (state.cache() != null) ? state.cache() : "none";
			Tags tags = Tags.of("warmer", state.name(), "cache", cache);
			runs(registry, state, tags, "success", WarmerState::successes);
			runs(registry, state, tags, "failure", WarmerState::failures);
			runs(registry, state, tags, "timeout", WarmerState::timeouts);
			runs(registry, state, tags, "skipped", WarmerState::skips);
			FunctionCounter.builder("tiered.cache.warming.entries", state, WarmerState::entries)
				.tags(tags)
				.description("Entries written by cache warmers")
				.register(registry);
			TimeGauge
				.builder("tiered.cache.warming.last.duration", state, TimeUnit.MILLISECONDS,
						(warmer) -> (warmer.lastDuration() != null) ? warmer.lastDuration().toMillis() : 0)
				.tags(tags)
				.description("How long the warmer's last run took")
				.register(registry);
			Gauge
				.builder("tiered.cache.warming.active", state,
						(warmer) -> (warmer.status() == WarmerState.Status.RUNNING) ? 1 : 0)
				.tags(tags)
				.description("Whether the warmer is running")
				.register(registry);
		}
	}

	private static void runs(MeterRegistry registry, WarmerState state, Tags tags, String result,
			ToDoubleFunction<WarmerState> count) {
		FunctionCounter.builder("tiered.cache.warmings", state, count)
			.tags(tags.and("result", result))
			.description("Runs of cache warmers, by result")
			.register(registry);
	}

}
