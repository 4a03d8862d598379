package io.github.tieredcache.benchmarks;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.metrics.TieredCacheMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An L1 hit through {@link TieredCache#get(Object)} on a cache whose Micrometer meters
 * are bound (Spring Boot's {@code cache.*} and the {@code tiered.cache.*} tier meters)
 * against the same hit on an identical cache with no meters. The meters read the cache's
 * own counters when a registry is scraped, so the aim is a difference under 10%.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class L1HitMetricsBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 1024;

	private final String[] keys = new String[KEY_COUNT];

	private TieredCache withoutMeters;

	private TieredCache withMeters;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Setup
	public void setUp() {
		this.withoutMeters = cache("without-meters");
		this.withMeters = cache("with-meters");
		new TieredCacheMeterBinder(this.withMeters, Tags.of("cache.manager", "cacheManager")).bindTo(this.registry);
		for (int i = 0; i < KEY_COUNT; i++) {
			String key = "product:" + i;
			this.keys[i] = key;
			this.withoutMeters.put(key, Product.sample(i));
			this.withMeters.put(key, Product.sample(i));
		}
		for (String key : this.keys) {
			requireHit(this.withoutMeters.get(key), key);
			requireHit(this.withMeters.get(key), key);
		}
		if (this.registry.get("tiered.cache.gets").tags("tier", "l1", "result", "hit").functionCounter().count() == 0) {
			throw new IllegalStateException("The meters of the cache with meters are not bound");
		}
	}

	private static TieredCache cache(String name) {
		CacheSpec spec = CacheSpec.builder(name).l2Enabled(false).build();
		return Objects.requireNonNull(TieredCacheManager.builder().cache(spec).build().getCache(name));
	}

	private static void requireHit(@Nullable Object value, String key) {
		if (value == null) {
			throw new IllegalStateException("Expected an L1 hit for " + key + " but it was a miss");
		}
	}

	@Benchmark
	@Baseline
	public void getWithoutMeters(KeyCursor cursor, Blackhole blackhole) {
		blackhole.consume(this.withoutMeters.get(cursor.next(this.keys)));
	}

	@Benchmark
	public void getWithMeters(KeyCursor cursor, Blackhole blackhole) {
		blackhole.consume(this.withMeters.get(cursor.next(this.keys)));
	}

}
