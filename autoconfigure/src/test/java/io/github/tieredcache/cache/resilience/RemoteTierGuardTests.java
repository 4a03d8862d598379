package io.github.tieredcache.cache.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RemoteTierGuard} against a real Redis that is paused (SIGSTOP) to make
 * it time out.
 */
@RealRedis
@Tag("fault")
class RemoteTierGuardTests {

	private static final Duration TIMEOUT = Duration.ofMillis(100);

	private RedisServer redis;

	private LettuceConnectionFactory connectionFactory;

	private RemoteTierGuard guard;

	@BeforeEach
	void connect(@Dedicated RedisServer redis) {
		this.redis = redis;
		// Lettuce's own timeout stays long: the tier's timeout must be the one that acts
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(60));
		// Connect before the first cache call, whose timeout is too short for the
		// client's start-up
		this.connectionFactory.getConnection().close();
	}

	@AfterEach
	void disconnect() {
		this.redis.resume();
		if (this.guard != null) {
			this.guard.close();
		}
		this.connectionFactory.destroy();
	}

	@Test
	void openBreakerShortCircuitsCallsQuietlyInsteadOfCountingErrors() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMinutes(1)));
		this.redis.pause();
		for (int i = 0; i < 200; i++) {
			int n = i;
			assertThat(cache.get("key-" + i, () -> "loaded " + n)).isEqualTo("loaded " + n);
		}
		L2Status status = this.guard.status();
		assertThat(status.state()).isEqualTo(L2Status.State.DOWN);
		assertThat(status.lastFailure()).contains("RedisCommandTimeoutException");
		// Only the calls before the breaker opened (10 with the default window) failed
		assertThat(cache.statistics().snapshot().l2Errors()).isBetween(10L, 20L);
		assertThat(status.failures()).isEqualTo(cache.statistics().snapshot().l2Errors());
		// Every later miss short-circuits its one read of L2 (which would also have taken
		// the fill lease)
		assertThat(status.shortCircuitedCalls()).isGreaterThanOrEqualTo(200 - status.failures());
	}

	@Test
	void callsWhileTheBreakerIsOpenDoNotWaitForRedis() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMinutes(1)));
		this.redis.pause();
		for (int i = 0; i < 20; i++) {
			cache.get("warm-up-" + i, () -> "x");
		}
		assertThat(this.guard.status().state()).isEqualTo(L2Status.State.DOWN);
		long start = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			cache.get("key-" + i, () -> "x");
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isLessThan(TIMEOUT.multipliedBy(5));
	}

	@Test
	void evictionThatCouldNotReachRedisIsReplayedWhenItAnswersAgain() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(200)));
		cache.put("42", "old");
		this.redis.pause();
		cache.evict("42");
		assertThat(this.guard.status().pendingInvalidations()).isEqualTo(1);
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.get("42", () -> "new " + loads.incrementAndGet())).isEqualTo("new 1");

		this.redis.resume();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.guard.status().pendingInvalidations()).isZero());
		assertThat(this.redis.command("EXISTS", "guard:products:42")).isEqualTo("0");
		// Counted just after the pending invalidations are cleared
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.guard.status().replayedInvalidations()).isEqualTo(1));
		assertThat(anotherInstance().get("42", () -> "new")).isEqualTo("new");
	}

	@Test
	void cacheNeverReadsAValueItInvalidatedWhileRedisWasDown() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMinutes(1)));
		cache.put("42", "old");
		this.redis.pause();
		openBreaker(cache);
		cache.evict("42");
		this.redis.resume();
		// The eviction never reached Redis, which still holds the old value
		assertThat(this.redis.command("EXISTS", "guard:products:42")).isEqualTo("1");
		this.guard.circuitBreaker().transitionToClosedState();
		// Whether or not the replay has run yet, the old value must not come back
		assertThat(cache.get("42", () -> "new")).isEqualTo("new");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.redis.command("EXISTS", "guard:products:42")).isEqualTo("0"));
	}

	@Test
	void clearsAndPatternEvictionsAreReplayedToo() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(200)));
		TieredCache orders = this.manager.getCache("orders");
		cache.put("a:1", "x");
		cache.put("b:1", "x");
		orders.put("1", "x");
		orders.put("2", "x");
		this.redis.pause();
		cache.evictMatching("a:*");
		orders.clear();
		this.redis.resume();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.guard.status().pendingInvalidations()).isZero());
		assertThat(this.redis.command("EXISTS", "guard:products:a:1")).isEqualTo("0");
		assertThat(this.redis.command("EXISTS", "guard:products:b:1")).isEqualTo("1");
		assertThat(this.redis.command("EXISTS", "guard:orders:1", "guard:orders:2")).isEqualTo("0");
	}

	@Test
	void beyondTheBoundLostEvictionsClearTheWholeCacheOnRedis() {
		TieredCache cache = cache(
				RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(200)).maxPendingInvalidations(2));
		for (String key : List.of("1", "2", "3", "4", "5", "untouched")) {
			cache.put(key, "x");
		}
		this.manager.getCache("orders").put("1", "x");
		this.redis.pause();
		for (String key : List.of("1", "2", "3", "4", "5")) {
			cache.evict(key);
		}
		this.redis.resume();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.guard.status().pendingInvalidations()).isZero());
		assertThat(this.redis.command("EXISTS", "guard:products:untouched")).isEqualTo("0");
		assertThat(this.redis.command("EXISTS", "guard:orders:1")).isEqualTo("1");
	}

	@Test
	void breakerClosesAgainOnceRedisAnswers() {
		TieredCache cache = cache(RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(200)));
		this.redis.pause();
		for (int i = 0; i < 20; i++) {
			cache.get("key-" + i, () -> "x");
		}
		assertThat(this.guard.status().state()).isEqualTo(L2Status.State.DOWN);
		this.redis.resume();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			cache.put("after", "back");
			assertThat(this.guard.status().state()).isEqualTo(L2Status.State.UP);
			assertThat(this.redis.command("EXISTS", "guard:products:after")).isEqualTo("1");
		});
	}

	@Test
	void disabledBreakerTriesRedisOnEveryCallWithinTheTimeout() {
		TieredCache cache = cache(RemoteTierGuard.builder().enabled(false));
		this.redis.pause();
		long start = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			assertThat(cache.get("key-" + i)).isNull();
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(cache.statistics().snapshot().l2Errors()).isEqualTo(5);
		assertThat(elapsed).isLessThan(TIMEOUT.multipliedBy(5).plusSeconds(1));
		assertThat(this.guard.status().state()).isEqualTo(L2Status.State.DOWN);
		assertThat(this.guard.status().shortCircuitedCalls()).isZero();
	}

	private TieredCacheManager manager;

	private void openBreaker(TieredCache cache) {
		for (int i = 0; i < 20; i++) {
			cache.get("probe-" + i);
		}
		assertThat(this.guard.status().state()).isEqualTo(L2Status.State.DOWN);
	}

	private TieredCache cache(RemoteTierGuard.Builder builder) {
		this.guard = builder.build();
		this.manager = TieredCacheManager.builder()
			.remoteTiers(
					this.guard.guard(RedisConnections.tiers(this.connectionFactory, "guard").timeout(TIMEOUT).build()))
			.build();
		return this.manager.getCache("products");
	}

	private TieredCache anotherInstance() {
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(this.connectionFactory, "guard").timeout(TIMEOUT).build())
			.build()
			.getCache("products");
	}

}
