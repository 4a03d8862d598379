package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a long Redis outage the caches use Redis again soon after it returns, although
 * Lettuce's own reconnection backs off up to 30 seconds: with Spring Boot's connection
 * factory and with the application's own. The outage lasts
 * {@code -Dtiered-cache.test.outage=<seconds>} (20 by default, short enough for every
 * build; run it once with 60 to see a minute-long one).
 */
@RealRedis
@Tag("fault")
class RedisRecoveryTests {

	private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("tiered-cache.test.outage", 20));

	/**
	 * A bound that only a broken recovery exceeds, not a measurement: the aim is well
	 * under two seconds, and each run prints its time; a full build on two loaded cores
	 * has been seen to pass 5 s.
	 */
	private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);

	@Test
	void cachesUseRedisAgainSoonAfterALongOutageWithSpringBootsConnectionFactory(@Dedicated RedisServer redis) {
		runner().withPropertyValues("spring.data.redis.url=" + redis.url())
			.run((context) -> recoversAfterOutage(context, redis, "Spring Boot's connection factory"));
	}

	@Test
	void cachesUseRedisAgainSoonAfterALongOutageWithTheApplicationsOwnConnectionFactory(@Dedicated RedisServer redis) {
		LettuceConnectionFactory own = RedisConnections.open(redis, Duration.ofSeconds(60));
		try {
			runner().withBean(RedisConnectionFactory.class, () -> own)
				.run((context) -> recoversAfterOutage(context, redis, "the application's own connection factory"));
		}
		finally {
			own.destroy();
		}
	}

	private static void recoversAfterOutage(AssertableApplicationContext context, RedisServer redis, String factory)
			throws Exception {
		assertThat(context).hasNotFailed();
		String keyPrefix = context.getBean(InvalidationBus.class).channel().replace(":~sync", "");
		TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
		// The application connects in the background: on a busy machine the first
		// write may come before the connection and miss Redis, as any write then would
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			products.put("before", "cached");
			assertThat(redis.command("EXISTS", keyPrefix + ":products:before")).isEqualTo("1");
		});

		redis.kill();
		AtomicInteger calls = new AtomicInteger();
		// Traffic every 100 ms for the whole outage: the breaker opens, calls answer from
		// L1
		await().pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.during(OUTAGE)
			.atMost(OUTAGE.plusSeconds(30))
			.until(() -> {
				// A failed assertion ends the test at once rather than restarting the
				// wait
				assertThat(products.get("before", String.class)).isEqualTo("cached");
				products.put("during-" + calls.getAndIncrement(), "kept in L1");
				return true;
			});
		redis.restart();
		long restarted = System.nanoTime();

		await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			products.put("after", "written to Redis");
			assertThat(redis.command("EXISTS", keyPrefix + ":products:after")).isEqualTo("1");
		});
		long recoveredMillis = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
		System.out.println("Caches wrote to Redis again " + recoveredMillis + " ms after it returned from a "
				+ OUTAGE.toSeconds() + " s outage, with " + factory);
		InvalidationBus bus = context.getBean(InvalidationBus.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
		System.out.println(
				"The invalidation bus subscribed again " + Duration.ofNanos(System.nanoTime() - restarted).toMillis()
						+ " ms after Redis returned, with " + factory);
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, InvalidationBusAutoConfiguration.class))
			.withPropertyValues("tiered-cache.key-prefix=recovery-" + UUID.randomUUID(),
					"tiered-cache.caches.products.ttl=10m");
	}

}
