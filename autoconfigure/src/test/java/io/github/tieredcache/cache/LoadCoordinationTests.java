package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Loads coordinated through Redis: cluster-wide single-flight, fill leases that never
 * outlive their holder, and refresh-ahead that never overwrites a newer write.
 */
@RealRedis
class LoadCoordinationTests {

	private @Nullable LettuceConnectionFactory connectionFactory;

	@AfterEach
	void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void withClusterSingleFlightAnotherInstanceWaitsForTheLoadInsteadOfRunningItsOwn(RedisServer redis)
			throws Exception {
		String prefix = "flight-" + System.nanoTime();
		CacheSpec spec = CacheSpec.builder("reports").singleFlight(SingleFlight.CLUSTER).build();
		TieredCache first = manager(redis, prefix, spec).getCache("reports");
		TieredCache second = manager(redis, prefix, spec).getCache("reports");
		CountDownLatch firstIsLoading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> onFirst = CompletableFuture.supplyAsync(() -> first.get("q1", () -> {
			loads.incrementAndGet();
			firstIsLoading.countDown();
			release.await(5, TimeUnit.SECONDS);
			return "report";
		}));
		assertThat(firstIsLoading.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> onSecond = CompletableFuture.supplyAsync(() -> second.get("q1", () -> {
			loads.incrementAndGet();
			return "second report";
		}));
		release.countDown();
		assertThat(onFirst.get(5, TimeUnit.SECONDS)).isEqualTo("report");
		assertThat(onSecond.get(5, TimeUnit.SECONDS)).isEqualTo("report");
		assertThat(loads).hasValue(1);
	}

	@Test
	void withClusterSingleFlightAnAsynchronousCallerOnAnotherInstanceWaitsWithoutLoadingOrBlocking(RedisServer redis)
			throws Exception {
		String prefix = "flight-async-" + System.nanoTime();
		CacheSpec spec = CacheSpec.builder("reports").singleFlight(SingleFlight.CLUSTER).build();
		TieredCache first = manager(redis, prefix, spec).getCache("reports");
		TieredCache second = manager(redis, prefix, spec).getCache("reports");
		CompletableFuture<String> firstLoad = new CompletableFuture<>();
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> onFirst = first.retrieve("q1", () -> {
			loads.incrementAndGet();
			return firstLoad;
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
		// The second instance finds the first one's lease and waits for its value: the
		// call returns at once, and its future completes when the first load fills Redis
		CompletableFuture<String> onSecond = second.retrieve("q1", () -> {
			loads.incrementAndGet();
			return CompletableFuture.completedFuture("second report");
		});
		assertThat(onSecond).isNotDone();
		firstLoad.complete("report");
		assertThat(onFirst.get(5, TimeUnit.SECONDS)).isEqualTo("report");
		assertThat(onSecond.get(5, TimeUnit.SECONDS)).isEqualTo("report");
		assertThat(loads).hasValue(1);
	}

	@Test
	void aLeaseWhoseHolderDiedExpiresAndAnotherInstanceLoads(RedisServer redis) {
		String prefix = "orphan-" + System.nanoTime();
		CacheSpec spec = CacheSpec.builder("reports")
			.singleFlight(SingleFlight.CLUSTER)
			.singleFlightWait(Duration.ofSeconds(30))
			.leaseTtl(Duration.ofMillis(300))
			.build();
		TieredCache cache = manager(redis, prefix, spec).getCache("reports");
		String orphan = cache.failSafeRemote().tier().lease(cache.encodeKey("q1"), Duration.ofMillis(300));
		assertThat(orphan).isNotNull();
		long start = System.nanoTime();
		assertThat(cache.get("q1", () -> "loaded")).isEqualTo("loaded");
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(waited).as("waited for the orphaned lease, not single-flight-wait")
			.isLessThan(Duration.ofSeconds(15));
		assertThat(cache.remoteTier().get(cache.encodeKey("q1")).value()).isEqualTo("loaded");
	}

	@Test
	void theWaitForAnotherInstancesLoadEndsWhenSingleFlightWaitHasPassedOnTheManagersTicker(RedisServer redis)
			throws Exception {
		String prefix = "deadline-" + System.nanoTime();
		// L2 only, so that nothing but the wait reads the ticker
		CacheSpec spec = CacheSpec.builder("reports")
			.l1Enabled(false)
			.singleFlight(SingleFlight.CLUSTER)
			.singleFlightWait(Duration.ofMinutes(10))
			.leaseTtl(Duration.ofMinutes(10))
			.build();
		CountingTicker ticker = new CountingTicker();
		TieredCache cache = manager(redis, prefix, spec, ticker).getCache("reports");
		// Another instance is loading the key, and keeps loading
		assertThat(cache.failSafeRemote().tier().lease(cache.encodeKey("q1"), Duration.ofMinutes(10))).isNotNull();
		CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> cache.get("q1", () -> "loaded here"));
		await().atMost(Duration.ofSeconds(5)).until(() -> ticker.reads.get() >= 2);
		assertThat(waiting).as("waiting for the other instance's value").isNotDone();
		ticker.nanos.addAndGet(Duration.ofMinutes(10).toNanos());
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("loaded here");
	}

	@Test
	void aFailedLoadReleasesItsLeaseAndCachesNothing(RedisServer redis) {
		String prefix = "failed-" + System.nanoTime();
		TieredCache cache = manager(redis, prefix, CacheSpec.builder("reports").build()).getCache("reports");
		assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> cache.get("q1", () -> {
			throw new IllegalStateException("database down");
		}));
		assertThat(redis.command("EXISTS", prefix + ":reports:q1")).isEqualTo("0");
	}

	@Test
	void theSharedTierHandedOutReadsAndRemovesButRefusesWritesAndLeases(RedisServer redis) {
		String prefix = "read-only-" + System.nanoTime();
		TieredCache cache = manager(redis, prefix, CacheSpec.builder("rates").build()).getCache("rates");
		cache.put("eur", "1.08");
		RemoteTier view = cache.remoteTier();
		String id = cache.encodeKey("eur");
		assertThat(view.get(id).value()).isEqualTo("1.08");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> view.put(id, "0.5", Duration.ofMinutes(1)))
			.withMessageContaining("write through the TieredCache");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> view.lease(cache.encodeKey("usd"), Duration.ofMinutes(1)));
		assertThat(view.get(id).value()).isEqualTo("1.08");
		assertThat(view.evict(id)).isTrue();
		assertThat(redis.command("EXISTS", prefix + ":rates:eur")).isEqualTo("0");
	}

	@Test
	void refreshAheadReloadsAnAgingEntryInTheBackgroundAndCountsIt(RedisServer redis) {
		String prefix = "refresh-" + System.nanoTime();
		CacheSpec spec = CacheSpec.builder("rates").ttl(Duration.ofSeconds(2)).refreshAhead(0.25).build();
		TieredCache cache = manager(redis, prefix, spec).getCache("rates");
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.get("eur", () -> "rate-" + loads.incrementAndGet())).isEqualTo("rate-1");
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> "rate-2".equals(cache.get("eur", () -> "rate-" + loads.incrementAndGet())));
		// The new value is in L1 just before the refresh is counted
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(cache.statistics().snapshot().refreshes()).isPositive());
		assertThat(cache.remoteTier().get(cache.encodeKey("eur")).value()).isIn("rate-2", "rate-3");
	}

	@Test
	void aRefreshNeverOverwritesANewerWrite(RedisServer redis) throws Exception {
		String prefix = "refresh-race-" + System.nanoTime();
		CacheSpec spec = CacheSpec.builder("rates").ttl(Duration.ofSeconds(30)).refreshAhead(0.5).build();
		TieredCacheTests.MutableTicker ticker = new TieredCacheTests.MutableTicker();
		TieredCache cache = manager(redis, prefix, spec, ticker).getCache("rates");
		cache.put("eur", "old");
		ticker.advance(Duration.ofSeconds(16));
		CountDownLatch refreshing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		assertThat(cache.get("eur", () -> {
			refreshing.countDown();
			release.await(5, TimeUnit.SECONDS);
			return "refreshed from stale data";
		})).isEqualTo("old");
		assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
		cache.put("eur", "newer write");
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> cache.statistics().snapshot().staleFillsPrevented() > 0);
		assertThat(cache.get("eur").get()).isEqualTo("newer write");
		assertThat(cache.remoteTier().get(cache.encodeKey("eur")).value()).isEqualTo("newer write");
	}

	/**
	 * A ticker that moves only when told to and counts how often it was read.
	 */
	private static final class CountingTicker implements Ticker {

		final AtomicLong nanos = new AtomicLong();

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public long read() {
			this.reads.incrementAndGet();
			return this.nanos.get();
		}

	}

	private TieredCacheManager manager(RedisServer redis, String prefix, CacheSpec spec) {
		return manager(redis, prefix, spec, Ticker.systemTicker());
	}

	private TieredCacheManager manager(RedisServer redis, String prefix, CacheSpec spec, Ticker ticker) {
		if (this.connectionFactory == null) {
			this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		}
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(this.connectionFactory, prefix).build())
			.ticker(ticker)
			.cache(spec)
			.build();
	}

}
