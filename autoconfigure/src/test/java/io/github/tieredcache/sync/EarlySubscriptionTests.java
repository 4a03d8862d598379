package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bus created in a Spring context subscribes before it is started, so that connecting
 * overlaps the rest of the context's start-up; until it is started it applies nothing,
 * and starting it flushes L1, so nothing cached before the start is served stale after
 * it.
 */
@RealRedis
class EarlySubscriptionTests {

	private static final Duration PROPAGATION = Duration.ofSeconds(5);

	private String keyPrefix;

	private String channel;

	private BusInstance a;

	private BusInstance b;

	@BeforeEach
	void createInstances(RedisServer redis) {
		this.keyPrefix = "early-" + UUID.randomUUID();
		this.channel = this.keyPrefix + ":~sync";
		this.a = BusInstance.start(redis, this.keyPrefix);
		this.b = BusInstance.create(redis, this.keyPrefix, UnaryOperator.identity());
		await().atMost(PROPAGATION).until(() -> this.a.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
	}

	@AfterEach
	void closeInstances() {
		this.a.close();
		this.b.bus().destroy();
		this.b.close();
	}

	@Test
	void busSubscribesOnceCreatedAndStartsWithoutServingWhatChangedBeforeItStarted(RedisServer redis) {
		this.b.bus().afterPropertiesSet();
		await().atMost(PROPAGATION).until(() -> subscribers(redis) == 2);
		assertThat(this.b.bus().isRunning()).isFalse();
		this.a.cache("products").put(1, "old");
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("old");
		assertThat(this.b.holdsLocally("products", 1)).isTrue();

		// Delivered to B before it started, so not applied there
		long sent = this.a.stats().messagesSent();
		this.a.cache("products").put(1, "new");
		await().atMost(PROPAGATION).until(() -> this.a.stats().messagesSent() > sent);
		this.b.bus().start();

		assertThat(this.b.bus().firstSubscription()).isDone();
		assertThat(this.b.holdsLocally("products", 1)).isFalse();
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("new");

		this.a.cache("products").put(1, "newer");
		await().atMost(PROPAGATION).until(() -> !this.b.holdsLocally("products", 1));
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("newer");
	}

	@Test
	void valueCachedOnceStartedStaysCached() {
		this.b.bus().afterPropertiesSet();
		await().atMost(PROPAGATION).until(() -> this.b.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
		this.b.bus().start();
		this.b.cache("products").put(2, "cached after the start");

		assertThat(this.b.bus().firstSubscription()).isDone();
		assertThat(this.b.holdsLocally("products", 2)).isTrue();
	}

	@Test
	void busThatIsNeverStartedClosesItsSubscriptionWhenDestroyed(RedisServer redis) {
		this.b.bus().afterPropertiesSet();
		await().atMost(PROPAGATION).until(() -> subscribers(redis) == 2);

		this.b.bus().destroy();

		await().atMost(PROPAGATION).until(() -> subscribers(redis) == 1);
		assertThat(this.b.stats().subscriptionState()).isEqualTo(SubscriptionState.STOPPED);
	}

	private int subscribers(RedisServer redis) {
		String reply = redis.command("PUBSUB", "NUMSUB", this.channel);
		return Integer.parseInt(reply.substring(reply.lastIndexOf(' ') + 1, reply.length() - 1));
	}

}
