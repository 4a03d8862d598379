package io.github.tieredcache.compatibility;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with the tiered cache on Redis, run once per supported Resilience4j
 * version: the project's, the one Spring Cloud's BOM brings and the oldest supported
 * ({@code tiered-cache.test.resilience4j-version}, one surefire execution each).
 */
@RealRedis
class Resilience4jCompatibilityTests {

	@BeforeAll
	static void classpathHasTheResilience4jVersionUnderTest() {
		Resilience4jUnderTest.version();
	}

	@Test
	void cachesThroughRedisWithTheConfiguredCircuitBreaker(RedisServer redis) {
		String prefix = CacheApplication.uniqueKeyPrefix();
		try (ConfigurableApplicationContext first = CacheApplication.start(redis.url(), prefix,
				"tiered-cache.redis.circuit-breaker.sliding-window-type=time-based",
				"tiered-cache.redis.circuit-breaker.sliding-window-size=30",
				"tiered-cache.redis.circuit-breaker.minimum-number-of-calls=40");
				ConfigurableApplicationContext second = CacheApplication.start(redis.url(), prefix)) {
			CircuitBreakerConfig config = first.getBean(RemoteTierGuard.class)
				.circuitBreaker()
				.getCircuitBreakerConfig();
			assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
			assertThat(config.getSlidingWindowSize()).isEqualTo(30);
			assertThat(config.getMinimumNumberOfCalls()).isEqualTo(40);
			first.getBean(CacheManager.class).getCache("products").put(42L, "written by the first instance");
			Cache products = second.getBean(CacheManager.class).getCache("products");
			assertThat(products.get(42L, String.class)).isEqualTo("written by the first instance");
			assertThat(first.getBean(RemoteTierGuard.class).status().state()).isEqualTo(L2Status.State.UP);
			assertThat(second.getBean(RemoteTierGuard.class).status().failures()).isZero();
		}
	}

	@Test
	void countBasedWindowNeedsAtMostItsSizeInCalls(RedisServer redis) {
		try (ConfigurableApplicationContext context = CacheApplication.start(redis.url(),
				CacheApplication.uniqueKeyPrefix(), "tiered-cache.redis.circuit-breaker.sliding-window-size=5",
				"tiered-cache.redis.circuit-breaker.minimum-number-of-calls=50")) {
			CircuitBreakerConfig config = context.getBean(RemoteTierGuard.class)
				.circuitBreaker()
				.getCircuitBreakerConfig();
			assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
			assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
		}
	}

	@Test
	void breakerOpensWhileRedisIsDownAndClosesOnceItIsBack(@Dedicated RedisServer redis) {
		try (ConfigurableApplicationContext context = CacheApplication.start(redis.url(),
				CacheApplication.uniqueKeyPrefix(), "tiered-cache.redis.timeout=250ms",
				"tiered-cache.redis.reject-commands-when-disconnected=true",
				"tiered-cache.redis.circuit-breaker.sliding-window-size=4",
				"tiered-cache.redis.circuit-breaker.minimum-number-of-calls=4",
				"tiered-cache.redis.circuit-breaker.wait-duration-in-open-state=200ms",
				"tiered-cache.redis.circuit-breaker.permitted-calls-in-half-open-state=1")) {
			Cache products = context.getBean(CacheManager.class).getCache("products");
			RemoteTierGuard guard = context.getBean(RemoteTierGuard.class);
			products.put(1L, "one");
			AtomicInteger key = new AtomicInteger(100);
			redis.stop();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				int n = key.incrementAndGet();
				assertThat(products.get(n, () -> "loaded " + n)).isEqualTo("loaded " + n);
				assertThat(guard.status().state()).isEqualTo(L2Status.State.DOWN);
			});
			assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
			redis.restart();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				int n = key.incrementAndGet();
				products.get(n, () -> "loaded " + n);
				assertThat(guard.status().state()).isEqualTo(L2Status.State.UP);
			});
			assertThat(guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(guard.status().failures()).isPositive();
		}
	}

	@Test
	void guardBuildsWithAnInjectedClock() {
		Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
		try (RemoteTierGuard guard = RemoteTierGuard.builder()
			.clock(clock)
			.slidingWindow(SlidingWindowType.COUNT_BASED, 10, 5)
			.build()) {
			assertThat(guard.status().since()).isEqualTo(clock.instant());
			assertThat(guard.circuitBreaker().getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(5);
		}
	}

}
