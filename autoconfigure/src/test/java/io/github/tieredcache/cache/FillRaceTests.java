package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

/**
 * The fill race, repeated with random timings: a reader loads v1 slowly; meanwhile a
 * writer commits v2 and invalidates (or writes v2). Afterwards the caches hold v2 or
 * nothing, never v1, in L1 and in L2, on the reader's instance and on the writer's.
 */
@RealRedis
@Tag("fault")
class FillRaceTests {

	private static final int ROUNDS = 300;

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private @Nullable LettuceConnectionFactory connectionFactory;

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void aLoadThatReadBeforeAWriteNeverStoresItsValueInProcess() throws Exception {
		TieredCache cache = TieredCacheManager.builder().build().getCache("race");
		race(cache, cache);
	}

	@Test
	void aLoadThatReadBeforeAWriteNeverStoresItsValueInEitherTier(RedisServer redis) throws Exception {
		TieredCache cache = manager(redis, "race-one-" + System.nanoTime(), InvalidationListener.NONE).getCache("race");
		race(cache, cache);
	}

	/**
	 * The writer's instance tells the reader's directly what it invalidated, as the
	 * cross-instance bus does once a message arrives.
	 */
	@Test
	void aLoadThatReadBeforeAWriteOnAnotherInstanceNeverStoresItsValue(RedisServer redis) throws Exception {
		String prefix = "race-two-" + System.nanoTime();
		TieredCacheManager readerInstance = manager(redis, prefix, InvalidationListener.NONE);
		TieredCacheManager writerInstance = manager(redis, prefix, readerInstance::invalidateLocally);
		race(readerInstance.getCache("race"), writerInstance.getCache("race"));
	}

	private void race(TieredCache readerCache, TieredCache writerCache) throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			String key = "k" + round;
			String v1 = "v1-" + round;
			String v2 = "v2-" + round;
			AtomicReference<String> database = new AtomicReference<>(v1);
			CountDownLatch readerHasRead = new CountDownLatch(1);
			CountDownLatch writerIsDone = new CountDownLatch(1);
			boolean readerOutlivesWriter = ThreadLocalRandom.current().nextBoolean();
			boolean writerPuts = ThreadLocalRandom.current().nextInt(4) == 0;
			Future<?> reader = this.threads.submit(() -> readerCache.get(key, () -> {
				String seen = database.get();
				readerHasRead.countDown();
				if (readerOutlivesWriter) {
					writerIsDone.await(2, TimeUnit.SECONDS);
				}
				else {
					pause();
				}
				return seen;
			}));
			Future<?> writer = this.threads.submit(() -> {
				readerHasRead.await(2, TimeUnit.SECONDS);
				database.set(v2);
				pause();
				if (writerPuts) {
					writerCache.put(key, v2);
				}
				else {
					writerCache.evict(key);
				}
				writerIsDone.countDown();
				return null;
			});
			reader.get(5, TimeUnit.SECONDS);
			writer.get(5, TimeUnit.SECONDS);
			for (TieredCache cache : List.of(readerCache, writerCache)) {
				assertThat(storedValues(cache, key)).as("round %d", round).allMatch(v2::equals);
			}
		}
		TieredCacheStats stats = readerCache.statistics().snapshot();
		assertThat(stats.staleFillsPrevented()).as("rounds in which the race happened").isPositive();
	}

	private static List<Object> storedValues(TieredCache cache, String key) {
		String id = cache.encodeKey(key);
		List<Object> values = new ArrayList<>();
		LocalTier l1 = cache.localTier();
		ValueWrapper local = (l1 != null) ? l1.get(id) : null;
		if (local != null) {
			values.add(local.get());
		}
		RemoteTier l2 = cache.remoteTier();
		RemoteEntry remote = (l2 != null) ? l2.get(id) : null;
		if (remote != null) {
			values.add(remote.value());
		}
		return values;
	}

	private static void pause() {
		int micros = ThreadLocalRandom.current().nextInt(500);
		long until = System.nanoTime() + micros * 1000L;
		while (System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

	private TieredCacheManager manager(RedisServer redis, String prefix, InvalidationListener listener) {
		if (this.connectionFactory == null) {
			this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		}
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(this.connectionFactory, prefix).build())
			.invalidationListener(listener)
			.build();
	}

}
