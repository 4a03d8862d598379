package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.github.tieredcache.aspect.ReactiveCachedRedisOutageTests.Feed;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Cached} methods returning {@code Mono} or {@code Flux}, and
 * {@link TieredCache#retrieve}, never block the thread that subscribes: with BlockHound
 * installed, every subscription here runs on Reactor's parallel scheduler (non-blocking
 * threads, where a parked thread fails the call), against a live Redis, a frozen one
 * (SIGSTOP) and a dead one.
 */
@RealRedis
@Tag("fault")
class ReactiveCachedNonBlockingTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@Test
	void blockHoundCatchesABlockingCallOnTheParallelScheduler() {
		// Proves the detector is live in this JVM, so the tests below can fail
		Mono<String> sleeping = Mono.fromCallable(() -> {
			LockSupport.parkNanos(1_000_000);
			return "slept";
		}).subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> sleeping.block(WAIT))
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(BlockingOperationError.class));
	}

	@Test
	void missesL2HitsAndFillsDoNotBlockTheSubscribingThread(@Dedicated RedisServer redis) {
		// A timeout no busy machine reaches: every call here must reach Redis
		runner(redis, "2s").run((context) -> {
			Feed feed = context.getBean(Feed.class);
			TieredCache prices = connected(context);
			assertThat(onParallel(feed.price("a"))).isEqualTo("a#1");
			assertThat(onParallel(feed.history("a").collectList())).containsExactly("a-0", "a-1");
			prices.localTier().clear();
			// An L2 hit: Redis answers, the value is decoded and copied into L1
			assertThat(onParallel(feed.price("a"))).isEqualTo("a#1");
			assertThat(onParallel(feed.price("a"))).isEqualTo("a#1");
			TieredCacheStats stats = prices.statistics().snapshot();
			assertThat(stats.l2Hits()).isEqualTo(1);
			assertThat(stats.l1Hits()).isEqualTo(1);
			assertThat(feed.calls()).hasValue(2);
			assertThat(onParallel(
					Mono.fromFuture(() -> prices.retrieve("b", () -> CompletableFuture.supplyAsync(() -> "b-loaded")))))
				.isEqualTo("b-loaded");
			assertThat(onParallel(Mono.fromFuture(() -> castRetrieve(prices, "b"))))
				.isEqualTo(new SimpleValueWrapper("b-loaded"));
		});
	}

	@Test
	void whileRedisIsFrozenSubscribersAreAnsweredWithoutBlocking(@Dedicated RedisServer redis) {
		runner(redis, "200ms").run((context) -> {
			Feed feed = context.getBean(Feed.class);
			connected(context);
			assertThat(onParallel(feed.price("cached"))).isEqualTo("cached#1");
			redis.pause();
			try {
				assertAnswersWithoutRedis(context, feed);
			}
			finally {
				redis.resume();
			}
		});
	}

	@Test
	void whileRedisIsDownSubscribersAreAnsweredWithoutBlocking(@Dedicated RedisServer redis) {
		runner(redis, "200ms").run((context) -> {
			Feed feed = context.getBean(Feed.class);
			connected(context);
			assertThat(onParallel(feed.price("cached"))).isEqualTo("cached#1");
			redis.kill();
			assertAnswersWithoutRedis(context, feed);
		});
	}

	private static void assertAnswersWithoutRedis(AssertableApplicationContext context, Feed feed) {
		assertThat(onParallel(feed.price("cached"))).isEqualTo("cached#1");
		assertThat(onParallel(feed.price("new"))).isEqualTo("new#2");
		assertThat(onParallel(feed.price("new"))).isEqualTo("new#2");
		assertThat(onParallel(feed.history("new").collectList())).containsExactly("new-0", "new-1");
		TieredCache prices = context.getBean(TieredCacheManager.class).getCache("prices");
		// Enough calls to open the circuit breaker, after which calls short-circuit
		for (int i = 0; i < 30; i++) {
			assertThat(onParallel(feed.price("n" + i))).startsWith("n" + i + "#");
		}
		assertThat(prices.statistics().snapshot().l2Errors()).isPositive();
		// Failures that arrive as failed futures count for the breaker as thrown ones do
		assertThat(context.getBean(RemoteTierGuard.class).circuitBreaker().getState()).isEqualTo(State.OPEN);
	}

	/**
	 * Waits until the application's Redis connection is up (it connects in the
	 * background), so that the first call's timeout is not spent connecting.
	 */
	private static TieredCache connected(AssertableApplicationContext context) {
		TieredCache prices = context.getBean(TieredCacheManager.class).getCache("prices");
		await().atMost(WAIT).ignoreExceptions().until(() -> prices.remoteTier().get("connected") == null);
		return prices;
	}

	/**
	 * Subscribes on a non-blocking thread of Reactor's parallel scheduler and waits on
	 * the test's own thread.
	 */
	private static <T> T onParallel(Mono<T> value) {
		return value.subscribeOn(Schedulers.parallel()).block(WAIT);
	}

	@SuppressWarnings("unchecked")
	private static CompletableFuture<Object> castRetrieve(TieredCache cache, String key) {
		CompletableFuture<?> found = cache.retrieve(key);
		return (found != null) ? (CompletableFuture<Object>) found : CompletableFuture.completedFuture(null);
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static ApplicationContextRunner runner(RedisServer redis, String timeout) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=reactive-nonblocking-" + UUID.randomUUID(),
					"tiered-cache.redis.timeout=" + timeout)
			.withUserConfiguration(ReactiveCachedRedisOutageTests.Beans.class);
	}

}
