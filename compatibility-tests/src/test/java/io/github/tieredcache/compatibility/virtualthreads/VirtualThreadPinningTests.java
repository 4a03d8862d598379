package io.github.tieredcache.compatibility.virtualthreads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application on virtual threads sharing one Redis: {@code @Cached}
 * misses (with {@code single-flight: cluster}), L2 and L1 hits and invalidations, all
 * called on the virtual threads of Spring Boot's {@code applicationTaskExecutor}, while
 * JFR records every virtual thread pinned to its carrier. None may be pinned in Redis,
 * Lettuce, Netty or the cache's own code: a pinned thread waiting for Redis holds a
 * carrier, and a few of them stall every virtual thread of the application.
 */
@RealRedis
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads came with Java 21")
class VirtualThreadPinningTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final List<String> WATCHED = List.of("io.github.tieredcache.", "io.lettuce.", "io.netty.",
			"org.springframework.data.redis.", "reactor.");

	private final AtomicInteger virtualCalls = new AtomicInteger();

	@Test
	void cachedCallsOnVirtualThreadsNeverPinTheirCarrierInRedisOrCacheCode(RedisServer redis) throws Exception {
		PriceDatabase database = new PriceDatabase();
		String keyPrefix = "virtual-threads-" + UUID.randomUUID();
		try (ConfigurableApplicationContext first = PriceApplication.start(database, redis.url(), keyPrefix);
				ConfigurableApplicationContext second = PriceApplication.start(database, redis.url(), keyPrefix)) {
			// A first round loads every class the calls need: a virtual thread loading a
			// class is pinned while it does, once per class and JVM, whatever the code
			round(database, first, second, "warm-up");
			try (PinnedVirtualThreads pinning = PinnedVirtualThreads.start()) {
				round(database, first, second, "recorded");
				List<RecordedEvent> pinned = pinning.events();
				List<RecordedEvent> inWatchedCode = pinned.stream()
					.filter((event) -> PinnedVirtualThreads.inside(event, WATCHED))
					.toList();
				System.out.printf("%d calls on virtual threads; %d pinned while recording, %d of them in %s%n",
						this.virtualCalls.get(), pinned.size(), inWatchedCode.size(), WATCHED);
				assertThat(inWatchedCode)
					.withFailMessage(() -> inWatchedCode.size() + " virtual thread(s) pinned in Redis or cache code:\n"
							+ inWatchedCode.stream()
								.map(PinnedVirtualThreads::describe)
								.collect(Collectors.joining("\n\n")))
					.isEmpty();
			}
		}
	}

	@Test
	void theRecordingSeesAVirtualThreadBlockedWhilePinned() throws Exception {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("pinned-");
		executor.setVirtualThreads(true);
		try (PinnedVirtualThreads pinning = PinnedVirtualThreads.start()) {
			assertThat(executor.submit(() -> SlowlyInitialized.VALUE).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.isNotNull();
			assertThat(pinning.events()).anySatisfy((
					event) -> assertThat(PinnedVirtualThreads.inside(event, List.of(SlowlyInitialized.class.getName())))
						.isTrue());
		}
	}

	/**
	 * Misses, hits in both tiers, invalidations across instances and a miss on both
	 * instances at once, each call on a virtual thread of its own.
	 */
	private void round(PriceDatabase database, ConfigurableApplicationContext first,
			ConfigurableApplicationContext second, String round) throws Exception {
		PriceBook firstBook = first.getBean(PriceBook.class);
		PriceBook secondBook = second.getBean(PriceBook.class);
		List<String> skus = IntStream.range(0, 8).mapToObj((i) -> round + "-" + i).toList();

		// Misses: five concurrent callers per key on one instance load it once
		assertThat(results(submit(first, 40, (i) -> firstBook.price(skus.get(i % 8)))))
			.allSatisfy((price) -> assertThat(price.cents()).isEqualTo(100));
		assertThat(skus).allSatisfy((sku) -> assertThat(database.reads(sku)).isOne());

		// The other instance reads them from Redis, then from its L1
		long l2Hits = stats(second).l2Hits();
		results(submit(second, 8, (i) -> secondBook.price(skus.get(i))));
		assertThat(stats(second).l2Hits() - l2Hits).isEqualTo(8);
		long l1Hits = stats(second).l1Hits();
		results(submit(second, 40, (i) -> secondBook.price(skus.get(i % 8))));
		assertThat(stats(second).l1Hits() - l1Hits).isEqualTo(40);
		assertThat(skus).allSatisfy((sku) -> assertThat(database.reads(sku)).isOne());

		// Writes on one instance invalidate the other's copies
		results(submit(first, 8, (i) -> {
			firstBook.change(skus.get(i), 200 + i);
			return null;
		}));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(results(submit(second, 8, (i) -> secondBook.price(skus.get(i)))))
				.extracting(Price::cents)
				.containsExactly(200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L));

		// Both instances missing the same keys at once: one load per key in all
		List<String> cold = IntStream.range(0, 4).mapToObj((i) -> round + "-cold-" + i).toList();
		List<Future<Price>> onFirst = submit(first, 20, (i) -> firstBook.price(cold.get(i % 4)));
		List<Future<Price>> onSecond = submit(second, 20, (i) -> secondBook.price(cold.get(i % 4)));
		results(onFirst);
		results(onSecond);
		assertThat(cold).allSatisfy((sku) -> assertThat(database.reads(sku)).isOne());
	}

	/**
	 * Runs calls on the instance's {@code applicationTaskExecutor}, which starts a
	 * virtual thread for each.
	 */
	private <T> List<Future<T>> submit(ConfigurableApplicationContext instance, int count, IntFunction<T> call) {
		AsyncTaskExecutor executor = instance.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			futures.add(executor.submit(() -> {
				assertThat(isVirtual(Thread.currentThread())).as("runs on a virtual thread").isTrue();
				this.virtualCalls.incrementAndGet();
				return call.apply(index);
			}));
		}
		return futures;
	}

	private static <T> List<T> results(List<Future<T>> futures) throws Exception {
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
		}
		return results;
	}

	/**
	 * {@code Thread.isVirtual()}, which this module, compiled for Java 17, calls
	 * reflectively.
	 */
	private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	/**
	 * A class whose initializer blocks: a virtual thread running it cannot leave its
	 * carrier, on every JDK.
	 */
	static final class SlowlyInitialized {

		static final String VALUE;

		static {
			SimulatedWork.take(Duration.ofMillis(20));
			VALUE = "initialized at " + System.nanoTime();
		}

	}

	private static TieredCacheStats stats(ConfigurableApplicationContext instance) {
		TieredCache prices = instance.getBean(TieredCacheManager.class).getCache("prices");
		return prices.statistics().snapshot();
	}

}
