package io.github.tieredcache.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When an instance may have missed invalidations (its subscription dropped, Redis
 * restarted, a peer's sequence skipped, a peer went silent), it flushes its L1 rather
 * than serve stale entries.
 */
@RealRedis
@Tag("fault")
class LostInvalidationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final String keyPrefix = "loss-" + UUID.randomUUID();

	@Test
	void killedSubscriptionServesTheNewValueWithinTwoSeconds(@Dedicated RedisServer redis) {
		try (BusInstance a = started(redis); BusInstance b = started(redis)) {
			a.cache("products").put(1, "old");
			assertThat(b.cache("products").get(1, String.class)).isEqualTo("old");

			redis.command("CLIENT", "KILL", "TYPE", "pubsub");
			a.cache("products").put(1, "new");

			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(b.cache("products").get(1, String.class)).isEqualTo("new"));
			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.RESUBSCRIBED) >= 1);
			// The loss is counted just before the state is set back
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(b.stats().subscriptionState()).isEqualTo(SubscriptionState.SUBSCRIBED));
		}
	}

	@Test
	void renewedSubscriptionFlushesL1(@Dedicated RedisServer redis) {
		try (BusInstance a = started(redis); BusInstance b = started(redis)) {
			a.cache("products").put(1, "cached");
			b.cache("products").get(1);

			redis.command("CLIENT", "KILL", "TYPE", "pubsub");

			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.RESUBSCRIBED) >= 1);
			// The loss is counted just before L1 is flushed
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.holdsLocally("products", 1)).isFalse());
		}
	}

	@Test
	void restartedRedisIsSubscribedAgainAndL1Flushed(@Dedicated RedisServer redis) {
		try (BusInstance a = started(redis); BusInstance b = started(redis)) {
			a.cache("products").put(1, "before the restart");
			b.cache("products").get(1);

			redis.restart();

			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.RESUBSCRIBED) >= 1);
			// The loss is counted just before L1 is flushed
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.holdsLocally("products", 1)).isFalse());
			a.cache("products").put(1, "after the restart");
			b.cache("products").get(1);
			a.cache("products").put(1, "newest");
			await().atMost(PATIENCE).until(() -> !b.holdsLocally("products", 1));
			assertThat(b.cache("products").get(1, String.class)).isEqualTo("newest");
		}
	}

	@Test
	void busStartedWhileRedisIsDownSubscribesWhenRedisAppears(@Dedicated RedisServer redis) {
		redis.kill();
		try (BusInstance b = BusInstance.create(redis, this.keyPrefix, UnaryOperator.identity())) {
			b.bus().start();
			await().atMost(PATIENCE).until(() -> b.stats().subscriptionState() == SubscriptionState.SUBSCRIBING);
			b.cache("products").put(1, "written while Redis was down");
			assertThat(b.holdsLocally("products", 1)).isTrue();

			redis.restart();

			await().atMost(PATIENCE).until(() -> b.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
			assertThat(b.holdsLocally("products", 1)).isFalse();
		}
	}

	@Test
	void gapInAPeersSequenceFlushesL1(RedisServer redis) {
		try (BusInstance b = started(redis)) {
			b.cache("products").put(1, "cached");
			UUID peer = UUID.randomUUID();

			publish(b, BusMessage.heartbeat(peer, 1, 1, System.currentTimeMillis()));
			publish(b, BusMessage.heartbeat(peer, 1, 2, System.currentTimeMillis()));
			await().atMost(PATIENCE).until(() -> b.stats().messagesReceived() == 2);
			assertThat(b.holdsLocally("products", 1)).isTrue();
			publish(b, BusMessage.heartbeat(peer, 1, 4, System.currentTimeMillis()));

			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.SEQUENCE_GAP) == 1);
			// The loss is counted just before L1 is flushed
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.holdsLocally("products", 1)).isFalse());
		}
	}

	@Test
	void peerRestartedWithoutGoodbyeFlushesL1(RedisServer redis) {
		try (BusInstance b = started(redis)) {
			UUID peer = UUID.randomUUID();
			publish(b, BusMessage.heartbeat(peer, 1, 7, System.currentTimeMillis()));
			await().atMost(PATIENCE).until(() -> b.stats().messagesReceived() == 1);
			b.cache("products").put(1, "cached");

			publish(b, BusMessage.heartbeat(peer, 2, 1, System.currentTimeMillis()));

			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.PEER_RESTARTED) == 1);
			// The loss is counted just before L1 is flushed
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.holdsLocally("products", 1)).isFalse());
		}
	}

	@Test
	void replayedMessageIsRejectedAndNotApplied(RedisServer redis) {
		try (BusInstance b = started(redis)) {
			UUID peer = UUID.randomUUID();
			publish(b, BusMessage.heartbeat(peer, 1, 5, System.currentTimeMillis()));
			b.cache("products").put(1, "cached");

			publish(b, new BusMessage(BusMessage.Type.INVALIDATIONS, peer, 1, 5, System.currentTimeMillis(),
					List.of(Invalidation.all("products"))));

			await().atMost(PATIENCE).until(() -> b.stats().messagesRejected() == 1);
			assertThat(b.holdsLocally("products", 1)).isTrue();
		}
	}

	@Test
	void peerGoneSilentWithoutGoodbyeFlushesL1(RedisServer redis) {
		try (BusInstance b = started(redis)) {
			b.cache("products").put(1, "cached");

			publish(b, BusMessage.heartbeat(UUID.randomUUID(), 1, 1, System.currentTimeMillis()));

			await().atMost(PATIENCE).until(() -> b.stats().losses(LossCause.PEER_SILENT) == 1);
			// The loss is counted just before L1 is flushed
			await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.holdsLocally("products", 1)).isFalse());
			assertThat(b.stats().livePeers()).isZero();
		}
	}

	@Test
	void fullQueueClearsTheAffectedCachesOnOtherInstances(RedisServer redis) {
		try (BusInstance a = BusInstance.create(redis, this.keyPrefix, (bus) -> bus.queueCapacity(2));
				BusInstance b = started(redis)) {
			a.cache("products").put(1, "one");
			a.cache("products").put(2, "two");
			a.cache("products").put(3, "three");
			a.cache("prices").put(1, "price");
			b.cache("products").get(1);
			b.cache("products").get(2);
			b.cache("products").get(3);
			b.cache("prices").get(1);
			assertThat(a.stats().queueOverflows()).isEqualTo(2);
			assertThat(a.stats().queueSize()).isEqualTo(2);

			a.bus().start();

			await().atMost(PATIENCE).until(() -> !b.holdsLocally("products", 3) && !b.holdsLocally("prices", 1));
			assertThat(b.holdsLocally("products", 1)).isFalse();
			assertThat(b.holdsLocally("products", 2)).isFalse();
		}
	}

	private BusInstance started(RedisServer redis) {
		BusInstance instance = BusInstance.create(redis, this.keyPrefix, UnaryOperator.identity());
		instance.bus().start();
		await().atMost(PATIENCE).until(() -> instance.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
		return instance;
	}

	private static void publish(BusInstance instance, BusMessage message) {
		try (RedisConnection connection = instance.connections().getConnection()) {
			connection.publish(instance.bus().channel().getBytes(StandardCharsets.UTF_8),
					BusMessageCodec.encode(message));
		}
	}

}
