package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk fills, as warmers use them, against a real Redis: every entry reaches both tiers
 * and other instances, and an entry written or invalidated while the bulk was read from
 * its source is never left stale in either tier.
 */
@RealRedis
class BulkFillTests {

	private final List<LettuceConnectionFactory> connectionFactories = new ArrayList<>();

	private final ScheduledExecutorService bus = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void close() {
		this.bus.shutdownNow();
		this.connectionFactories.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void writesEveryEntryToBothTiersAndOtherInstancesReadThemFromRedis(RedisServer redis) {
		String prefix = "bulk-" + System.nanoTime();
		TieredCache cache = manager(redis, prefix, InvalidationListener.NONE, true).getCache("products");
		Map<Integer, String> entries = entries(10_000, "v");
		BulkFill.Result result;
		try (BulkFill fill = cache.bulkFill()) {
			result = fill.write(entries);
		}
		assertThat(result).isEqualTo(new BulkFill.Result(10_000, 0));
		assertThat(cache.get(1234, String.class)).isEqualTo("v1234");
		assertThat(cache.statistics().snapshot().l1Hits()).isEqualTo(1);
		TieredCache otherInstance = manager(redis, prefix, InvalidationListener.NONE, true).getCache("products");
		for (int key : List.of(0, 4999, 9999)) {
			assertThat(otherInstance.get(key, () -> "loaded")).isEqualTo("v" + key);
		}
		assertThat(otherInstance.statistics().snapshot().l2Hits()).isEqualTo(3);
	}

	@Test
	void pipelinesThroughBorrowedConnectionsToo(RedisServer redis) {
		String prefix = "bulk-unshared-" + System.nanoTime();
		TieredCache cache = manager(redis, prefix, InvalidationListener.NONE, false).getCache("products");
		try (BulkFill fill = cache.bulkFill()) {
			fill.write(entries(1_200, "v"));
		}
		assertThat(remoteValue(cache, 1199)).isEqualTo("v1199");
		assertThat(cache.statistics().snapshot().l2Errors()).isZero();
	}

	@Test
	void skipsEntriesWrittenOrInvalidatedWhileTheyWereRead(RedisServer redis) {
		TieredCache cache = manager(redis, "bulk-skip-" + System.nanoTime(), InvalidationListener.NONE, true)
			.getCache("products");
		cache.put(3, "old");
		BulkFill.Result result;
		try (BulkFill fill = cache.bulkFill()) {
			Map<Integer, String> read = entries(10, "stale");
			cache.put(1, "newer");
			cache.evict(2);
			cache.evictMatching(cache.encodeKey(5).replace("5", "[5]"));
			result = fill.write(read);
		}
		assertThat(result).isEqualTo(new BulkFill.Result(7, 3));
		assertThat(storedValues(cache, 1)).containsOnly("newer");
		assertThat(storedValues(cache, 2)).isEmpty();
		assertThat(storedValues(cache, 5)).isEmpty();
		assertThat(storedValues(cache, 3)).containsOnly("stale3");
	}

	@Test
	void skipsEverythingAfterTheCacheWasCleared(RedisServer redis) {
		TieredCache cache = manager(redis, "bulk-clear-" + System.nanoTime(), InvalidationListener.NONE, true)
			.getCache("products");
		try (BulkFill fill = cache.bulkFill()) {
			Map<Integer, String> read = entries(10, "stale");
			cache.clear();
			assertThat(fill.write(read)).isEqualTo(new BulkFill.Result(0, 10));
		}
		assertThat(storedValues(cache, 0)).isEmpty();
	}

	@Test
	void skipsNullsUnlessTheCacheStoresThem() {
		Map<Integer, @Nullable String> read = new LinkedHashMap<>();
		read.put(1, "one");
		read.put(2, null);
		TieredCache storesNulls = TieredCacheManager.builder().build().getCache("products");
		try (BulkFill fill = storesNulls.bulkFill()) {
			assertThat(fill.write(read)).isEqualTo(new BulkFill.Result(2, 0));
		}
		assertThat(storesNulls.get(2)).isNotNull().extracting(ValueWrapper::get).isNull();
		TieredCache noNulls = TieredCacheManager.builder()
			.defaults(CacheSpec.builder("defaults").cacheNullValues(false).build())
			.build()
			.getCache("products");
		try (BulkFill fill = noNulls.bulkFill()) {
			assertThat(fill.write(read)).isEqualTo(new BulkFill.Result(1, 1));
		}
		assertThat(noNulls.get(2)).isNull();
	}

	/**
	 * The invalidation reaches Redis at once but this instance only later, as it would
	 * through the bus: an invalidation delivered during the guard period still removes
	 * the bulk-written value from Redis.
	 */
	@Test
	void aStaleValueWrittenBeforeTheInvalidationArrivedIsRemovedFromRedis(RedisServer redis) {
		String prefix = "bulk-late-" + System.nanoTime();
		TieredCacheManager reader = manager(redis, prefix, InvalidationListener.NONE, true);
		TieredCache cache = reader.getCache("products");
		List<Invalidation> inFlight = new ArrayList<>();
		TieredCache writer = manager(redis, prefix, inFlight::add, true).getCache("products");
		try (BulkFill fill = cache.bulkFill(Duration.ofSeconds(30))) {
			Map<Integer, String> read = entries(3, "stale");
			writer.evict(1);
			fill.write(read);
			assertThat(remoteValue(cache, 1)).isEqualTo("stale1");
			inFlight.forEach(reader::invalidateLocally);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(storedValues(cache, 1)).isEmpty());
		assertThat(storedValues(cache, 0)).containsOnly("stale0");
	}

	/**
	 * Invalidations made on this instance after the bulk write landed reach Redis after
	 * it, so they need no second eviction, which could remove a value written since.
	 */
	@Test
	void invalidationsOnThisInstanceAfterTheWriteLandedRemoveNothingWrittenSince(RedisServer redis) {
		// Background work waits until the test runs it, so a needless second eviction
		// would land after the writes below
		HeldTasks background = new HeldTasks();
		TieredCache cache = manager(redis, "bulk-local-" + System.nanoTime(), InvalidationListener.NONE, background)
			.getCache("products");
		try (BulkFill fill = cache.bulkFill(Duration.ofSeconds(30))) {
			fill.write(entries(1_000, "v"));
		}
		cache.clear();
		cache.put(7, "newer");
		cache.evictMatching("1*");
		cache.put(10, "newest");
		background.runAll();
		assertThat(remoteValue(cache, 7)).isEqualTo("newer");
		assertThat(remoteValue(cache, 10)).isEqualTo("newest");
	}

	/**
	 * A pattern invalidated on another instance may have been applied to Redis before the
	 * bulk write: the written keys it matches are removed again, the others stay.
	 */
	@Test
	void aPatternInvalidatedOnAnotherInstanceRemovesTheWrittenKeysItMatches(RedisServer redis) {
		TieredCache cache = manager(redis, "bulk-remote-pattern-" + System.nanoTime(), InvalidationListener.NONE, true)
			.getCache("products");
		try (BulkFill fill = cache.bulkFill(Duration.ofSeconds(30))) {
			fill.write(entries(30, "v"));
		}
		cache.invalidateLocally(Invalidation.pattern("products", "2?"));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(remoteValue(cache, 25)).isNull());
		assertThat(remoteValue(cache, 2)).isEqualTo("v2");
		assertThat(remoteValue(cache, 15)).isEqualTo("v15");
	}

	@Test
	void stopsWatchingAfterTheGuardPeriod(RedisServer redis) {
		HeldTasks background = new HeldTasks();
		TieredCache cache = manager(redis, "bulk-guard-" + System.nanoTime(), InvalidationListener.NONE, background)
			.getCache("products");
		try (BulkFill fill = cache.bulkFill(Duration.ofMillis(50))) {
			fill.write(entries(2, "v"));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> watching(cache) == 0);
		cache.invalidateLocally(Invalidation.key("products", cache.encodeKey(1)));
		assertThat(background.runAll()).as("second evictions started").isZero();
		assertThat(remoteValue(cache, 1)).isEqualTo("v1");
	}

	/**
	 * The fill race for bulk fills, with random timings and a bus that delivers the
	 * writer's invalidations up to 3 ms late: afterwards the reader's tiers hold v2 or
	 * nothing.
	 */
	@Test
	@Tag("fault")
	void aBulkReadBeforeAWriteOnAnotherInstanceNeverLeavesItsValue(RedisServer redis) {
		String prefix = "bulk-race-" + System.nanoTime();
		TieredCacheManager reader = manager(redis, prefix, InvalidationListener.NONE, true);
		TieredCache readerCache = reader.getCache("products");
		TieredCache writerCache = manager(redis, prefix,
				(invalidation) -> this.bus.schedule(() -> reader.invalidateLocally(invalidation),
						ThreadLocalRandom.current().nextInt(3000), TimeUnit.MICROSECONDS),
				true)
			.getCache("products");
		for (int round = 0; round < 200; round++) {
			int key = round;
			AtomicReference<String> database = new AtomicReference<>("v1");
			Thread write = new Thread(() -> {
				pause();
				database.set("v2");
				if (ThreadLocalRandom.current().nextBoolean()) {
					writerCache.put(key, "v2");
				}
				else {
					writerCache.evict(key);
				}
			});
			try (BulkFill fill = readerCache.bulkFill()) {
				write.start();
				pause();
				Map<Integer, String> read = Map.of(key, database.get());
				pause();
				fill.write(read);
			}
			joinQuietly(write);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(storedValues(readerCache, key)).as("round %d", key).allMatch("v2"::equals));
		}
	}

	@Test
	void keepsEntriesInProcessWhenRedisIsDown(@Dedicated RedisServer redis) {
		TieredCache cache = manager(redis, "bulk-down-" + System.nanoTime(), InvalidationListener.NONE, true)
			.getCache("products");
		redis.stop();
		try (BulkFill fill = cache.bulkFill()) {
			assertThat(fill.write(entries(100, "v"))).isEqualTo(new BulkFill.Result(100, 0));
		}
		assertThat(cache.localTier().get(cache.encodeKey(42))).extracting(ValueWrapper::get).isEqualTo("v42");
		assertThat(cache.statistics().snapshot().l2Errors()).isPositive();
	}

	private static Map<Integer, String> entries(int count, String prefix) {
		Map<Integer, String> entries = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			entries.put(i, prefix + i);
		}
		return entries;
	}

	private static int watching(TieredCache cache) {
		return cache.watchCount();
	}

	private static @Nullable Object remoteValue(TieredCache cache, Object key) {
		RemoteEntry entry = cache.remoteTier().get(cache.encodeKey(key));
		return (entry != null) ? entry.value() : null;
	}

	private static List<Object> storedValues(TieredCache cache, Object key) {
		List<Object> values = new ArrayList<>();
		ValueWrapper local = cache.localTier().get(cache.encodeKey(key));
		if (local != null) {
			values.add(local.get());
		}
		Object remote = remoteValue(cache, key);
		if (remote != null) {
			values.add(remote);
		}
		return values;
	}

	private static void pause() {
		int micros = ThreadLocalRandom.current().nextInt(2000);
		long until = System.nanoTime() + micros * 1000L;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private TieredCacheManager manager(RedisServer redis, String prefix, InvalidationListener listener,
			HeldTasks background) {
		LettuceConnectionFactory connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		this.connectionFactories.add(connectionFactory);
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, prefix).build())
			.invalidationListener(listener)
			.refreshExecutor(background)
			.build();
	}

	private TieredCacheManager manager(RedisServer redis, String prefix, InvalidationListener listener,
			boolean shared) {
		LettuceConnectionFactory connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		if (!shared) {
			connectionFactory.setShareNativeConnection(false);
		}
		this.connectionFactories.add(connectionFactory);
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, prefix).build())
			.invalidationListener(listener)
			.build();
	}

	/**
	 * Background work held until the test runs it, so that "nothing happens later" is
	 * checked by running it rather than by waiting.
	 */
	static final class HeldTasks implements Executor {

		private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		int runAll() {
			int ran = 0;
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
				ran++;
			}
			return ran;
		}

	}

}
