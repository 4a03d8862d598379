package io.github.tieredcache.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.tieredcache.write.WriteBehindQueues;
import io.github.tieredcache.write.WriteBehindStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of every cache's write-behind queue, tagged {@code cache}: the queue's depth,
 * the keys with a pending write, the age of the oldest entry and the dead letters (read
 * from Redis at most once a second per cache), and this instance's writes by outcome
 * ({@code tiered.cache.write.behind.writes}, tag {@code result}: {@code queued},
 * {@code synchronous}, {@code executed}, {@code coalesced}, {@code retried},
 * {@code dead-lettered}).
 */
public final class WriteBehindMeterBinder implements MeterBinder {

	private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

	private final WriteBehindQueues queues;

	private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

	/**
	 * Creates a binder.
	 * @param queues the application's write-behind queues
	 */
	public WriteBehindMeterBinder(WriteBehindQueues queues) {
		this.queues = queues;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String cache : this.queues.cacheNames()) {
			Tags tags = Tags.of("cache", cache);
			gauge(registry, cache, tags, "tiered.cache.write.behind.queue.depth", "Entries in the write-behind queue",
					WriteBehindStats::queueDepth);
			gauge(registry, cache, tags, "tiered.cache.write.behind.pending.keys", "Keys with a queued write",
					WriteBehindStats::pendingKeys);
			gauge(registry, cache, tags, "tiered.cache.write.behind.dead.letters", "Writes in the dead-letter stream",
					WriteBehindStats::deadLetters);
			TimeGauge
				.builder("tiered.cache.write.behind.oldest.age", this, TimeUnit.MILLISECONDS, (binder) -> value(cache,
						(stats) -> (stats.oldestPendingAgeMillis() != null) ? stats.oldestPendingAgeMillis() : 0))
				.tags(tags)
				.description("Age of the oldest queued write")
				.register(registry);
			writes(registry, cache, tags, "queued", WriteBehindStats::queued);
			writes(registry, cache, tags, "synchronous", WriteBehindStats::synchronous);
			writes(registry, cache, tags, "executed", WriteBehindStats::executed);
			writes(registry, cache, tags, "coalesced", WriteBehindStats::coalesced);
			writes(registry, cache, tags, "retried", WriteBehindStats::retries);
			writes(registry, cache, tags, "dead-lettered", WriteBehindStats::deadLettered);
		}
	}

	private void gauge(MeterRegistry registry, String cache, Tags tags, String name, String description,
			ToDoubleFunction<WriteBehindStats> read) {
		Gauge.builder(name, this, (binder) -> value(cache, read))
			.tags(tags)
			.description(description)
			.register(registry);
	}

	private void writes(MeterRegistry registry, String cache, Tags tags, String result,
			ToDoubleFunction<WriteBehindStats> read) {
		FunctionCounter.builder("tiered.cache.write.behind.writes", this, (binder) -> value(cache, read))
			.tags(tags.and("result", result))
			.description("Writes of @WriteBehind methods on this instance, by outcome")
			.register(registry);
	}

	private double value(String cache, ToDoubleFunction<WriteBehindStats> read) {
		Snapshot snapshot = this.snapshots.get(cache);
		long now = System.nanoTime();
		if (snapshot == null || now - snapshot.taken() > FRESH_NANOS) {
			WriteBehindStats stats = this.queues.stats(cache);
			if (stats == null) {
				return 0;
			}
			snapshot = new Snapshot(stats, now);
			this.snapshots.put(cache, snapshot);
		}
		return read.applyAsDouble(snapshot.stats());
	}

	private record Snapshot(WriteBehindStats stats, long taken) {
	}

}
