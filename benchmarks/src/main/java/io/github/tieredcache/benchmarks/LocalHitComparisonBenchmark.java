package io.github.tieredcache.benchmarks;

import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.cache.TieredCache;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hit in process, four ways, in one run: raw Caffeine {@code getIfPresent} (the
 * baseline), Spring's {@code @Cacheable} on a {@code CaffeineCacheManager}, the tiered
 * cache's {@code @Cached} answered from L1, and {@link TieredCache#get(Object)} answered
 * from L1. The annotated methods are called through their Spring proxies, as an
 * application calls them; the tiered cache has its Redis tier, which an L1 hit never
 * reaches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class LocalHitComparisonBenchmark {

	/** A power of two, so that a key index wraps with a mask. */
	private static final int KEY_COUNT = 1024;

	private final String[] keys = new String[KEY_COUNT];

	private final ProductSource source = new ProductSource();

	private Cache<Object, Object> caffeine;

	private ConfigurableApplicationContext springContext;

	private CacheableProducts cacheable;

	private ConfigurableApplicationContext tieredContext;

	private CachedProducts cached;

	private TieredCache tieredCache;

	@Setup
	public void setUp() {
		this.caffeine = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(5, TimeUnit.MINUTES).build();
		this.springContext = BenchmarkContexts.springCaffeine(this.source);
		this.cacheable = this.springContext.getBean(CacheableProducts.class);
		this.tieredContext = BenchmarkContexts.tiered(BenchmarkRedis.locate(), this.source);
		this.cached = this.tieredContext.getBean(CachedProducts.class);
		this.tieredCache = BenchmarkContexts.tieredCache(this.tieredContext, CachedProducts.LOCAL_CACHE);
		for (int i = 0; i < KEY_COUNT; i++) {
			String key = "product:" + i;
			this.keys[i] = key;
			this.caffeine.put(key, ProductSource.product(key));
			this.cacheable.find(key);
			this.cached.find(key);
		}
		long loads = this.source.loads();
		for (String key : this.keys) {
			requireHit(this.caffeine.getIfPresent(key), "Caffeine", key);
			requireHit(this.cacheable.find(key), "@Cacheable", key);
			requireHit(this.cached.find(key), "@Cached", key);
			requireHit(this.tieredCache.get(key), "TieredCache.get", key);
		}
		if (this.source.loads() != loads || loads != 2L * KEY_COUNT) {
			throw new IllegalStateException("A read in set-up ran the method: the caches do not hit");
		}
		if (this.tieredCache.statistics().snapshot().l1Hits() == 0) {
			throw new IllegalStateException("The tiered cache's hits did not come from L1");
		}
	}

	static void requireHit(@Nullable Object value, String source, String key) {
		if (value == null) {
			throw new IllegalStateException(source + " missed " + key + " after it was stored");
		}
	}

	@TearDown
	public void tearDown() {
		this.tieredCache.clear();
		this.tieredContext.close();
		this.springContext.close();
	}

	@Benchmark
	@Baseline
	public @Nullable Object caffeineGetIfPresent(KeyCursor cursor) {
		return this.caffeine.getIfPresent(cursor.next(this.keys));
	}

	@Benchmark
	public Product springCacheableCaffeine(KeyCursor cursor) {
		return this.cacheable.find(cursor.next(this.keys));
	}

	@Benchmark
	public Product cachedL1Hit(KeyCursor cursor) {
		return this.cached.find(cursor.next(this.keys));
	}

	@Benchmark
	public @Nullable ValueWrapper tieredCacheGetL1Hit(KeyCursor cursor) {
		return this.tieredCache.get(cursor.next(this.keys));
	}

}
