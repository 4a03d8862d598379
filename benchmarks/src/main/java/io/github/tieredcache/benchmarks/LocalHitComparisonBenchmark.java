package io.github.tieredcache.benchmarks;

import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.aspect.CacheableFillAdvisor;
import io.github.tieredcache.cache.TieredCache;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hit in process, five ways, in one run and with the same keys: raw Caffeine
 * {@code getIfPresent} (the baseline), Spring's {@code @Cacheable} on a
 * {@code CaffeineCacheManager}, the same {@code @Cacheable} on the tiered cache manager
 * (with the starter's fill advisor around it, as applications get it), the tiered cache's
 * {@code @Cached} answered from L1, and {@link TieredCache#get(Object)} answered from L1.
 * The annotated methods are called through their Spring proxies, as an application calls
 * them, with the arguments it would pass (a {@code long} id is boxed by the proxy, two
 * arguments become Spring's {@code SimpleKey}); the tiered cache has its Redis tier,
 * which an L1 hit never reaches. {@link #keyType} runs the lot once for each shape of
 * key.
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

	/** The shape of the keys. */
	@Param({ "STRING", "LONG", "UUID", "RECORD", "SIMPLE_KEY" })
	public KeyType keyType = KeyType.STRING;

	private Object[] keys = new Object[0];

	/**
	 * Keys and arguments equal to {@link #keys} and {@link #arguments} but other objects,
	 * as an application's calls pass: the timed reads never use the objects an entry was
	 * stored under.
	 */
	private Object[] lookupKeys = new Object[0];

	private Object[] callArguments = new Object[0];

	private Object[] arguments = new Object[0];

	private final ProductSource source = new ProductSource();

	private Cache<Object, Object> caffeine;

	private ConfigurableApplicationContext springContext;

	private CacheableProducts cacheable;

	private ConfigurableApplicationContext tieredContext;

	private CachedProducts cached;

	private CacheableProducts cacheableTiered;

	private TieredCache tieredCache;

	private TieredCache cacheableTieredCache;

	@Setup
	public void setUp() {
		this.keys = this.keyType.keys(KEY_COUNT);
		this.arguments = this.keyType.arguments(KEY_COUNT);
		this.lookupKeys = this.keyType.keys(KEY_COUNT);
		this.callArguments = this.keyType.arguments(KEY_COUNT);
		this.caffeine = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(5, TimeUnit.MINUTES).build();
		this.springContext = BenchmarkContexts.springCaffeine(this.source);
		this.cacheable = this.springContext.getBean(CacheableProducts.class);
		this.tieredContext = BenchmarkContexts.tiered(BenchmarkRedis.locate(), this.source);
		if (this.tieredContext.getBeanProvider(CacheableFillAdvisor.class).getIfAvailable() == null) {
			throw new IllegalStateException("The tiered application has no fill advisor around @Cacheable");
		}
		this.cached = this.tieredContext.getBean(CachedProducts.class);
		this.cacheableTiered = this.tieredContext.getBean(CacheableProducts.class);
		this.tieredCache = BenchmarkContexts.tieredCache(this.tieredContext, CachedProducts.LOCAL_CACHE);
		for (int i = 0; i < KEY_COUNT; i++) {
			this.caffeine.put(this.keys[i], ProductSource.product(this.keys[i]));
			this.keyType.find(this.cacheable, this.arguments[i]);
			this.keyType.find(this.cacheableTiered, this.arguments[i]);
			this.keyType.find(this.cached, this.arguments[i]);
		}
		this.cacheableTieredCache = BenchmarkContexts.tieredCache(this.tieredContext, CacheableProducts.CACHE);
		long loads = this.source.loads();
		for (int i = 0; i < KEY_COUNT; i++) {
			Object key = this.keys[i];
			requireHit(this.caffeine.getIfPresent(key), "Caffeine", key);
			requireHit(this.keyType.find(this.cacheable, this.arguments[i]), "@Cacheable", key);
			requireHit(this.keyType.find(this.cacheableTiered, this.arguments[i]), "@Cacheable (tiered)", key);
			requireHit(this.keyType.find(this.cached, this.arguments[i]), "@Cached", key);
			requireHit(this.tieredCache.get(key), "TieredCache.get", key);
		}
		if (this.source.loads() != loads || loads != 3L * KEY_COUNT) {
			throw new IllegalStateException("A read in set-up ran the method: the caches do not hit");
		}
		if (this.tieredCache.statistics().snapshot().l1Hits() < 2L * KEY_COUNT
				|| this.cacheableTieredCache.statistics().snapshot().l1Hits() < KEY_COUNT) {
			throw new IllegalStateException("The tiered cache's hits did not come from L1");
		}
	}

	static void requireHit(@Nullable Object value, String source, Object key) {
		if (value == null) {
			throw new IllegalStateException(source + " missed " + key + " after it was stored");
		}
	}

	@TearDown
	public void tearDown() {
		this.tieredCache.clear();
		this.cacheableTieredCache.clear();
		this.tieredContext.close();
		this.springContext.close();
	}

	@Benchmark
	@Baseline
	public @Nullable Object caffeineGetIfPresent(KeyCursor cursor) {
		return this.caffeine.getIfPresent(cursor.next(this.lookupKeys));
	}

	@Benchmark
	public Product springCacheableCaffeine(KeyCursor cursor) {
		return this.keyType.find(this.cacheable, cursor.next(this.callArguments));
	}

	@Benchmark
	public Product springCacheableTiered(KeyCursor cursor) {
		return this.keyType.find(this.cacheableTiered, cursor.next(this.callArguments));
	}

	@Benchmark
	public Product cachedL1Hit(KeyCursor cursor) {
		return this.keyType.find(this.cached, cursor.next(this.callArguments));
	}

	@Benchmark
	public @Nullable ValueWrapper tieredCacheGetL1Hit(KeyCursor cursor) {
		return this.tieredCache.get(cursor.next(this.lookupKeys));
	}

}
