package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bus while Redis is in trouble: publishing is bounded by the bus's own command
 * timeout rather than the client's (a minute here, as Lettuce's default), and the
 * subscription's state says that Redis stopped answering.
 */
@RealRedis
@Tag("fault")
class BusRedisOutageTests {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);

	@Test
	void publishingToAFrozenRedisFailsWithinAFewTimeoutsAndIsCounted(@Dedicated RedisServer redis) throws Exception {
		LettuceConnectionFactory connections = RedisConnections.open(redis, CLIENT_TIMEOUT);
		InvalidationBus bus = bus(connections);
		try {
			bus.start();
			bus.firstSubscription().toCompletableFuture().get(10, TimeUnit.SECONDS);
			redis.pause();
			long started = System.nanoTime();

			bus.invalidated(Invalidation.key("products", "1"));

			// A few timeouts, far below the client's own minute
			await().atMost(COMMAND_TIMEOUT.multipliedBy(8)).until(() -> bus.stats().publishFailures() >= 1);
			System.out.println("Publishing to a frozen Redis failed after "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
			// The failure is counted just before the probe marks the bus disconnected
			await().atMost(COMMAND_TIMEOUT.multipliedBy(8))
				.untilAsserted(
						() -> assertThat(bus.stats().subscriptionState()).isEqualTo(SubscriptionState.DISCONNECTED));
		}
		finally {
			redis.resume();
			bus.stop();
			connections.destroy();
		}
	}

	@Test
	void killedRedisShowsAsDisconnectedAndTheBusSubscribesAgainWhenItReturns(@Dedicated RedisServer redis)
			throws Exception {
		LettuceConnectionFactory connections = RedisConnections.open(redis, CLIENT_TIMEOUT);
		InvalidationBus bus = bus(connections);
		try {
			bus.start();
			bus.firstSubscription().toCompletableFuture().get(10, TimeUnit.SECONDS);

			redis.kill();

			await().atMost(Duration.ofSeconds(5))
				.until(() -> bus.stats().subscriptionState() == SubscriptionState.DISCONNECTED);

			redis.restart();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
			// Marked subscribed just before the loss is counted
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(bus.stats().losses(LossCause.RESUBSCRIBED)).isPositive());
		}
		finally {
			bus.stop();
			connections.destroy();
		}
	}

	@Test
	void busWhoseEarlySubscriptionFailedSubscribesAtOnceWhenStarted(@Dedicated RedisServer redis) throws Exception {
		LettuceConnectionFactory connections = RedisConnections.open(redis, CLIENT_TIMEOUT);
		// A long heartbeat lets the back-off of the failed early attempts grow to seconds
		InvalidationBus bus = bus(connections, Duration.ofSeconds(10));
		try {
			openWhileRedisIsDownThenRestartIt(bus, redis);

			bus.start();

			assertThat(bus.firstSubscription()).isDone();
			assertThat(bus.stats().subscriptionState()).isEqualTo(SubscriptionState.SUBSCRIBED);
		}
		finally {
			bus.stop();
			connections.destroy();
		}
	}

	@Test
	void busDestroyedBeforeItStartedLeavesNoSubscriptionWhenRedisReturns(@Dedicated RedisServer redis) {
		LettuceConnectionFactory connections = RedisConnections.open(redis, CLIENT_TIMEOUT);
		InvalidationBus bus = bus(connections, Duration.ofSeconds(10));
		try {
			openWhileRedisIsDownThenRestartIt(bus, redis);

			bus.destroy();

			String none = "[" + bus.channel() + ", 0]";
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> none.equals(redis.command("PUBSUB", "NUMSUB", bus.channel())));
		}
		finally {
			connections.destroy();
		}
	}

	/**
	 * Opens the bus while Redis is down, lets its early attempts fail long enough for the
	 * back-off to reach seconds, and brings Redis back.
	 */
	private static void openWhileRedisIsDownThenRestartIt(InvalidationBus bus, RedisServer redis) {
		redis.kill();
		bus.afterPropertiesSet();
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
		redis.restart();
	}

	private static InvalidationBus bus(LettuceConnectionFactory connections) {
		return bus(connections, Duration.ofMillis(200));
	}

	private static InvalidationBus bus(LettuceConnectionFactory connections, Duration heartbeat) {
		AtomicReference<TieredCacheManager> caches = new AtomicReference<>();
		InvalidationBus bus = InvalidationBus.builder(connections, "outage-" + UUID.randomUUID())
			.heartbeatInterval(heartbeat)
			.commandTimeout(COMMAND_TIMEOUT)
			.localCaches(caches::get)
			.build();
		caches.set(TieredCacheManager.builder().invalidationListener(bus).build());
		return bus;
	}

}
