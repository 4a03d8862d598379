package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.CallerLoad;
import io.github.tieredcache.testing.RedisConnections;
import io.github.tieredcache.testing.VersionedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real {@code redis-server} processes killed (SIGKILL) or frozen (SIGSTOP) under load: no
 * exception reaches a caller, no stale value is served once Redis is back, and the time
 * until caches use Redis again is printed. Set
 * {@code -Dtiered-cache.test.outage-seconds=10} for the full ten-second outage of the
 * acceptance scenario (4 by default, to keep the build short).
 */
@RealRedis
@Tag("fault")
class RedisFaultTests {

	private static final Duration TIMEOUT = Duration.ofMillis(250);

	private static final Duration OUTAGE = Duration
		.ofSeconds(Integer.getInteger("tiered-cache.test.outage-seconds", 4));

	private static final int KEYS = 200;

	private RedisServer redis;

	private LettuceConnectionFactory connectionFactory;

	private RemoteTierGuard guard;

	private TieredCache cache;

	private final VersionedSource source = new VersionedSource(KEYS);

	@BeforeEach
	void start(@Dedicated RedisServer redis) {
		this.redis = redis;
		// Lettuce's own timeout stays at its 60 s default: the cache's timeout must act
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(60));
		this.connectionFactory.getConnection().close();
		this.guard = RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(500)).build();
		this.cache = newInstance(this.guard);
	}

	@AfterEach
	void stop() {
		this.redis.resume();
		this.guard.close();
		this.connectionFactory.destroy();
	}

	@Test
	void killingRedisWhileFourThreadsCallACachedLookupReachesNoCaller() throws Exception {
		// Many keys, so that most calls miss L1 and go to Redis
		VersionedSource manyKeys = new VersionedSource(100_000);
		CallerLoad load = CallerLoad.start(this.cache, manyKeys, 4);
		try {
			load.awaitCalls(1_000);
			this.redis.kill();
			long callsBeforeOutage = load.calls();
			// The outage lasts at least OUTAGE, under load, and the breaker has opened:
			// down, or probing (half-open) at this very moment
			await().pollDelay(OUTAGE)
				.atMost(OUTAGE.plusSeconds(30))
				.until(() -> load.calls() > callsBeforeOutage && this.guard.status().state() != L2Status.State.UP);
			this.redis.restart();
			long restarted = System.nanoTime();
			awaitCachesUseRedis();
			System.out.printf("[kill -9 for %d s] caches used Redis again %d ms after it restarted%n",
					OUTAGE.toSeconds(), Duration.ofNanos(System.nanoTime() - restarted).toMillis());
		}
		finally {
			load.close();
		}
		report("kill -9 for " + OUTAGE.toSeconds() + " s under 4 callers", load);
		assertThat(load.errors()).isEmpty();
		assertThat(load.slowestCall()).isLessThan(TIMEOUT.multipliedBy(4).plusSeconds(1));
		assertThat(this.guard.status().shortCircuitedCalls()).isGreaterThan(this.guard.status().failures());
	}

	@Test
	void redisKilledMidLoadAndRestartedIsUsedAgainWithoutStaleValues() throws Exception {
		CallerLoad load = CallerLoad.start(this.cache, this.source, 4);
		try {
			load.awaitCalls(1_000);
			this.redis.kill();
			updateAndEvict(Duration.ofSeconds(2));
			this.redis.restart();
			long restarted = System.nanoTime();
			awaitCachesUseRedis();
			System.out.printf("[kill -9] caches used Redis again %d ms after it restarted%n",
					Duration.ofNanos(System.nanoTime() - restarted).toMillis());
			updateAndEvict(Duration.ofSeconds(1));
		}
		finally {
			load.close();
		}
		report("kill -9, restart", load);
		assertThat(load.errors()).isEmpty();
		assertNoStaleValues();
	}

	@Test
	void redisFrozenLongerThanTheTimeoutNeitherBlocksNorFailsCallersAndLeavesNoStaleValue() throws Exception {
		CallerLoad load = CallerLoad.start(this.cache, this.source, 4);
		try {
			load.awaitCalls(1_000);
			this.redis.pause();
			// Updates while frozen: their evictions cannot reach Redis, which keeps the
			// old values; they must be replayed before anyone reads them
			updateAndEvict(Duration.ofSeconds(2));
			assertThat(this.guard.status().state()).isNotEqualTo(L2Status.State.UP);
			this.redis.resume();
			long resumed = System.nanoTime();
			awaitCachesUseRedis();
			System.out.printf("[SIGSTOP] caches used Redis again %d ms after it resumed%n",
					Duration.ofNanos(System.nanoTime() - resumed).toMillis());
			updateAndEvict(Duration.ofSeconds(1));
		}
		finally {
			load.close();
		}
		report("SIGSTOP 2 s, SIGCONT", load);
		assertThat(load.errors()).isEmpty();
		// Each call makes at most four Redis round trips, each cut off at the timeout
		assertThat(load.slowestCall()).isLessThan(TIMEOUT.multipliedBy(4).plusSeconds(1));
		assertThat(this.guard.status().replayedInvalidations()).isPositive();
		assertNoStaleValues();
	}

	/**
	 * Updates a random key and evicts it every few milliseconds, on this thread, for the
	 * whole of the given time; an eviction that throws fails the test at once.
	 */
	private void updateAndEvict(Duration duration) {
		await().pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.during(duration)
			.atMost(duration.plusSeconds(30))
			.until(() -> {
				int key = ThreadLocalRandom.current().nextInt(KEYS);
				this.source.update(key);
				this.cache.evict(key);
				return true;
			});
	}

	private void awaitCachesUseRedis() {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
			this.cache.put("probe", "x");
			assertThat(this.redis.command("EXISTS", "faults:products:probe")).isEqualTo("1");
		});
	}

	/**
	 * Once Redis is back and nothing is left to replay, this instance and a fresh one
	 * (empty L1, so it reads Redis) must both see the latest version of every key.
	 */
	private void assertNoStaleValues() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.guard.status().state()).isEqualTo(L2Status.State.UP);
			assertThat(this.guard.status().pendingInvalidations()).isZero();
		});
		TieredCache fresh = newInstance(RemoteTierGuard.builder().build());
		for (int key = 0; key < KEYS; key++) {
			int k = key;
			String expected = this.source.read(key);
			assertThat(this.cache.get(key, () -> this.source.read(k))).as("this instance, key %d", key)
				.isEqualTo(expected);
			assertThat(fresh.get(key, () -> this.source.read(k))).as("a fresh instance, key %d", key)
				.isEqualTo(expected);
		}
	}

	private TieredCache newInstance(RemoteTierGuard guard) {
		return TieredCacheManager.builder()
			.remoteTiers(guard.guard(RedisConnections.tiers(this.connectionFactory, "faults").timeout(TIMEOUT).build()))
			.build()
			.getCache("products");
	}

	private void report(String scenario, CallerLoad load) {
		L2Status status = this.guard.status();
		TieredCacheStats stats = this.cache.statistics().snapshot();
		System.out.printf(
				"[%s] %d calls, %d errors to callers, slowest call %d ms; Redis failures %d, short-circuited %d, "
						+ "replayed invalidations %d; l2Errors %d%n",
				scenario, load.calls(), load.errors().size(), load.slowestCall().toMillis(), status.failures(),
				status.shortCircuitedCalls(), status.replayedInvalidations(), stats.l2Errors());
	}

}
