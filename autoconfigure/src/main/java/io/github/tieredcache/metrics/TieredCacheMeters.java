package io.github.tieredcache.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import io.github.tieredcache.cache.CacheStatistics;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The {@code tiered.cache.*} meters of a cache, as a table: one line per meter, each
 * reading a counter the cache keeps anyway (so the hit path pays nothing for them). Every
 * meter of one name has the same tag keys.
 */
final class TieredCacheMeters {

	private static final List<CounterMeter> COUNTERS = List.of(
			counter("tiered.cache.gets", "Lookups answered by L1", l1(), Tags.of("tier", "l1", "result", "hit"),
					TieredCacheStats::l1Hits),
			counter("tiered.cache.gets", "Lookups L1 could not answer", l1(), Tags.of("tier", "l1", "result", "miss"),
					TieredCacheStats::l1Misses),
			counter("tiered.cache.gets", "Lookups answered by L2", l2(), Tags.of("tier", "l2", "result", "hit"),
					TieredCacheStats::l2Hits),
			counter("tiered.cache.gets", "Lookups L2 could not answer", l2(), Tags.of("tier", "l2", "result", "miss"),
					TieredCacheStats::l2Misses),
			counter("tiered.cache.l2.errors", "Failed round trips to L2", l2(), Tags.empty(),
					TieredCacheStats::l2Errors),
			counter("tiered.cache.l2.unreadable.values", "L2 values that could not be read back", l2(), Tags.empty(),
					TieredCacheStats::l2UnreadableValues),
			counter("tiered.cache.l2.oversized.values", "Values kept out of L2 for their size", l2(), Tags.empty(),
					TieredCacheStats::l2OversizedValues),
			counter("tiered.cache.l2.unwritable.values", "Values kept out of L2 as they could not be serialized", l2(),
					Tags.empty(), TieredCacheStats::l2UnwritableValues),
			counter("tiered.cache.l2.compressed.values", "Values written compressed to L2", l2(), Tags.empty(),
					TieredCacheStats::l2CompressedValues),
			counter("tiered.cache.l2.compression.saved.bytes", "Bytes L2 did not store thanks to compression", l2(),
					Tags.empty(), TieredCacheStats::l2CompressionBytesSaved),
			counter("tiered.cache.invalidations", "Keys evicted on this instance", any(), Tags.of("cause", "key"),
					TieredCacheStats::keyInvalidations),
			counter("tiered.cache.invalidations", "Pattern invalidations run on this instance", any(),
					Tags.of("cause", "pattern"), TieredCacheStats::patternInvalidations),
			counter("tiered.cache.invalidations", "Whole-cache invalidations run on this instance", any(),
					Tags.of("cause", "clear"), TieredCacheStats::clears),
			counter("tiered.cache.invalidations", "Invalidations from other instances applied to L1", any(),
					Tags.of("cause", "remote"), TieredCacheStats::remoteInvalidations),
			counter("tiered.cache.refreshes.on.demand",
					"Calls that bypassed the cache on request and replaced the entry", any(), Tags.empty(),
					TieredCacheStats::refreshesOnDemand),
			counter("tiered.cache.flux.oversized",
					"Flux results not cached because they emitted more than the allowed elements", any(), Tags.empty(),
					TieredCacheStats::oversizedFluxes),
			counter("tiered.cache.fills.prevented", "Loaded values not stored as their key changed while loading",
					any(), Tags.empty(), TieredCacheStats::staleFillsPrevented),
			counter("tiered.cache.refreshes", "Entries reloaded ahead of expiry", any(), Tags.empty(),
					TieredCacheStats::refreshes));

	private static final List<TimerMeter> TIMERS = List.of(
			timer("tiered.cache.loads", "Value loader calls that returned a value", Tags.of("result", "success"),
					(statistics) -> statistics.snapshot().loadSuccesses(), CacheStatistics::loadSuccessNanos),
			timer("tiered.cache.loads", "Value loader calls that threw", Tags.of("result", "failure"),
					(statistics) -> statistics.snapshot().loadFailures(), CacheStatistics::loadFailureNanos));

	private TieredCacheMeters() {
	}

	/**
	 * Registers the meters that apply to the cache's tiers.
	 * @param cache the cache
	 * @param tags the tags of every meter of the cache (its name included)
	 * @param registry the registry
	 */
	static void bind(TieredCache cache, Iterable<Tag> tags, MeterRegistry registry) {
		for (CounterMeter counter : COUNTERS) {
			if (counter.appliesTo().test(cache)) {
				FunctionCounter
					.builder(counter.name(), cache, (c) -> counter.count().applyAsLong(c.statistics().snapshot()))
					.description(counter.description())
					.tags(tags)
					.tags(counter.tags())
					.register(registry);
			}
		}
		for (TimerMeter timer : TIMERS) {
			FunctionTimer
				.builder(timer.name(), cache, (c) -> timer.count().applyAsLong(c.statistics()),
						(c) -> timer.totalNanos().applyAsLong(c.statistics()), TimeUnit.NANOSECONDS)
				.description(timer.description())
				.tags(tags)
				.tags(timer.tags())
				.register(registry);
		}
	}

	private static CounterMeter counter(String name, String description, Predicate<TieredCache> appliesTo, Tags tags,
			ToLongFunction<TieredCacheStats> count) {
		return new CounterMeter(name, description, appliesTo, tags, count);
	}

	private static TimerMeter timer(String name, String description, Tags tags, ToLongFunction<CacheStatistics> count,
			ToLongFunction<CacheStatistics> totalNanos) {
		return new TimerMeter(name, description, tags, count, totalNanos);
	}

	private static Predicate<TieredCache> any() {
		return (cache) -> true;
	}

	private static Predicate<TieredCache> l1() {
		return (cache) -> cache.localTier() != null;
	}

	private static Predicate<TieredCache> l2() {
		return (cache) -> cache.remoteTier() != null;
	}

	private record CounterMeter(String name, String description, Predicate<TieredCache> appliesTo, Tags tags,
			ToLongFunction<TieredCacheStats> count) {
	}

	private record TimerMeter(String name, String description, Tags tags, ToLongFunction<CacheStatistics> count,
			ToLongFunction<CacheStatistics> totalNanos) {
	}

}
