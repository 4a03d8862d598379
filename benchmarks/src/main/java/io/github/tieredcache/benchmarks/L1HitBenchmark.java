package io.github.tieredcache.benchmarks;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.FillScope;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An L1 hit through {@link TieredCache#get(Object)} against
 * {@link Cache#getIfPresent(Object)} on a Caffeine cache of the same size and expiry: the
 * cost the tiered cache adds on its hottest path (statistics, the value wrapper, the tier
 * checks, the encoding of the key). The aim is at most twice the raw cost, for each shape
 * of key applications pass ({@link #keyType}): encoding a key is free for a string but
 * not for a {@code long} id, a UUID, a record or several arguments. Both caches are read
 * with keys equal to, but not the same objects as, those the entries were stored under.
 *
 * <p>
 * The cache has no L2: a hit in L1 never reaches the shared tier, so the hit path is the
 * same with or without Redis. Run with {@code -t 1} and {@code -t 2} to see contention on
 * the shared counters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class L1HitBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 1024;

	/** The shape of the keys; both caches are read with the same key objects. */
	@Param({ "STRING", "LONG", "UUID", "RECORD", "SIMPLE_KEY" })
	public KeyType keyType = KeyType.STRING;

	private Object[] keys = new Object[0];

	/**
	 * Keys equal to {@link #keys} but other objects, as an application's calls pass: the
	 * reads never find the very object an entry was stored under.
	 */
	private Object[] lookups = new Object[0];

	private TieredCache tieredCache;

	private Cache<Object, Object> caffeine;

	private Cache<Object, Object> caffeinePerEntryExpiry;

	@Setup
	public void setUp() {
		CacheSpec spec = CacheSpec.builder("l1-hit").l2Enabled(false).build();
		TieredCacheManager manager = TieredCacheManager.builder().cache(spec).build();
		this.tieredCache = Objects.requireNonNull(manager.getCache("l1-hit"));
		this.caffeine = Caffeine.newBuilder()
			.maximumSize(spec.l1MaxSize())
			.expireAfterWrite(spec.effectiveL1Ttl())
			.build();
		this.caffeinePerEntryExpiry = Caffeine.newBuilder()
			.maximumSize(spec.l1MaxSize())
			.expireAfter(Expiry.writing((key, value) -> spec.effectiveL1Ttl()))
			.build();
		this.keys = this.keyType.keys(KEY_COUNT);
		this.lookups = this.keyType.keys(KEY_COUNT);
		for (int i = 0; i < KEY_COUNT; i++) {
			Object key = this.keys[i];
			Product value = Product.sample(i);
			this.tieredCache.put(key, value);
			this.caffeine.put(key, value);
			this.caffeinePerEntryExpiry.put(key, value);
		}
		for (Object key : this.lookups) {
			requireHit(this.tieredCache.get(key), key);
			requireHit(this.caffeine.getIfPresent(key), key);
			requireHit(this.caffeinePerEntryExpiry.getIfPresent(key), key);
		}
	}

	private static void requireHit(@Nullable Object value, Object key) {
		if (value == null) {
			throw new IllegalStateException("Expected an L1 hit for " + key + " but it was a miss");
		}
	}

	@Benchmark
	public void tieredCacheGet(KeyCursor cursor, Blackhole blackhole) {
		blackhole.consume(this.tieredCache.get(cursor.next(this.lookups)));
	}

	/**
	 * The same hit inside a {@link FillScope}, opened and closed around it as the
	 * starter's advisor does around every call of a Spring {@code @Cacheable} method:
	 * what that scope adds to each hit, apart from Spring's own interceptor.
	 * @param cursor the thread's key position
	 * @param blackhole consumes the result
	 */
	@Benchmark
	public void tieredCacheGetInFillScope(KeyCursor cursor, Blackhole blackhole) {
		try (FillScope scope = FillScope.open()) {
			blackhole.consume(this.tieredCache.get(cursor.next(this.lookups)));
			scope.succeeded();
		}
	}

	@Benchmark
	@Baseline
	public void caffeineGetIfPresent(KeyCursor cursor, Blackhole blackhole) {
		blackhole.consume(this.caffeine.getIfPresent(cursor.next(this.lookups)));
	}

	/**
	 * Caffeine as L1 configures it, with an expiry per entry (so that an entry filled
	 * from L2 lives no longer than it has left there): separates the cost of that choice
	 * from the cost of the cache around it.
	 * @param cursor the thread's key position
	 * @param blackhole consumes the result
	 */
	@Benchmark
	public void caffeinePerEntryExpiryGetIfPresent(KeyCursor cursor, Blackhole blackhole) {
		blackhole.consume(this.caffeinePerEntryExpiry.getIfPresent(cursor.next(this.lookups)));
	}

}
