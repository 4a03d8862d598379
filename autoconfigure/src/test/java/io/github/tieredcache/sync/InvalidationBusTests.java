package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing one Redis: what one changes, the other stops serving from its L1.
 */
@RealRedis
class InvalidationBusTests {

	private static final Duration PROPAGATION = Duration.ofSeconds(5);

	private BusInstance a;

	private BusInstance b;

	@BeforeEach
	void startInstances(RedisServer redis) {
		String keyPrefix = "bus-" + UUID.randomUUID();
		this.a = BusInstance.start(redis, keyPrefix);
		this.b = BusInstance.start(redis, keyPrefix);
		awaitSubscribed(this.a);
		awaitSubscribed(this.b);
	}

	@AfterEach
	void stopInstances() {
		this.a.close();
		this.b.close();
	}

	@Test
	void putOnOneInstanceMakesTheOtherReadTheNewValue() {
		this.a.cache("products").put(1, "old");
		awaitReceivedByB(1);
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("old");
		assertThat(this.b.holdsLocally("products", 1)).isTrue();

		this.a.cache("products").put(1, "new");

		await().atMost(PROPAGATION).until(() -> !this.b.holdsLocally("products", 1));
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("new");
	}

	@Test
	void evictionOnOneInstanceRemovesTheEntryFromTheOthersL1() {
		this.a.cache("products").put(1, "cached");
		this.b.cache("products").get(1);

		this.a.cache("products").evict(1);

		await().atMost(PROPAGATION).until(() -> !this.b.holdsLocally("products", 1));
		assertThat(this.b.cache("products").get(1)).isNull();
	}

	@Test
	void clearOnOneInstanceEmptiesTheCacheInTheOthersL1Only() {
		this.a.cache("products").put(1, "one");
		this.a.cache("products").put(2, "two");
		this.a.cache("prices").put(1, "price");
		awaitReceivedByB(3);
		this.b.cache("products").get(1);
		this.b.cache("products").get(2);
		this.b.cache("prices").get(1);

		this.a.cache("products").clear();

		await().atMost(PROPAGATION)
			.until(() -> !this.b.holdsLocally("products", 1) && !this.b.holdsLocally("products", 2));
		assertThat(this.b.cache("products").get(1)).isNull();
		assertThat(this.b.holdsLocally("prices", 1)).isTrue();
	}

	@Test
	void patternEvictionOnOneInstanceRemovesTheMatchingKeysFromTheOthersL1() {
		this.a.cache("products").put("eu:1", "eu");
		this.a.cache("products").put("us:1", "us");
		awaitReceivedByB(2);
		this.b.cache("products").get("eu:1");
		this.b.cache("products").get("us:1");

		this.a.cache("products").evictMatching("eu:*");

		await().atMost(PROPAGATION).until(() -> !this.b.holdsLocally("products", "eu:1"));
		assertThat(this.b.holdsLocally("products", "us:1")).isTrue();
	}

	@Test
	void anInstanceIgnoresItsOwnMessages() {
		this.a.cache("products").put(1, "mine");
		this.a.cache("products").put(2, "also mine");

		awaitReceivedByB(2);
		// Heartbeats keep being sent: wait for the messages sent so far, not a moving
		// target
		long sentSoFar = this.a.stats().messagesSent();
		await().atMost(PROPAGATION).until(() -> this.a.stats().ownMessagesIgnored() >= sentSoFar);
		assertThat(this.a.stats().ownMessagesIgnored()).isPositive();
		assertThat(this.a.holdsLocally("products", 1)).isTrue();
		assertThat(this.a.holdsLocally("products", 2)).isTrue();
		assertThat(this.a.stats().invalidationsReceived()).isZero();
	}

	@Test
	void statisticsCountBatchesPeersAndLag() {
		this.a.cache("products").put(1, "one");

		await().atMost(PROPAGATION).untilAsserted(() -> {
			InvalidationBusStats sender = this.a.stats();
			InvalidationBusStats receiver = this.b.stats();
			assertThat(sender.batchesSent()).isEqualTo(1);
			assertThat(sender.invalidationsSent()).isEqualTo(1);
			assertThat(receiver.messagesReceived()).isPositive();
			assertThat(receiver.invalidationsReceived()).isEqualTo(1);
			assertThat(receiver.lastLagMillis()).isNotNegative();
			assertThat(receiver.livePeers()).isEqualTo(1);
			assertThat(receiver.lossesDetected()).isZero();
		});
	}

	@Test
	void garbageAndForeignVersionMessagesAreCountedAndDroppedAndTheBusKeepsWorking(RedisServer redis) {
		redis.command("PUBLISH", this.b.bus().channel(), "not a bus message");
		redis.command("PUBLISH", this.b.bus().channel(), "TC\u0009\u0001 written by a future version");
		redis.command("PUBLISH", this.b.bus().channel(), "TC\u0001\u0001 truncated");

		await().atMost(PROPAGATION).until(() -> this.b.stats().messagesRejected() == 3);
		this.a.cache("products").put(1, "old");
		this.b.cache("products").get(1);
		this.a.cache("products").put(1, "new");
		await().atMost(PROPAGATION).until(() -> !this.b.holdsLocally("products", 1));
		assertThat(this.b.cache("products").get(1, String.class)).isEqualTo("new");
		assertThat(this.b.stats().lossesDetected()).isZero();
	}

	@Test
	void stoppedInstanceSaysGoodbyeSoItsSilenceIsNoLoss() {
		await().atMost(PROPAGATION).until(() -> this.b.stats().livePeers() == 1);

		this.a.bus().stop();

		await().atMost(PROPAGATION).until(() -> this.b.stats().livePeers() == 0);
		assertThat(this.b.stats().lossesDetected()).isZero();
	}

	@Test
	void aWriteWithAnEqualValueKeyReachesTheOtherInstanceWhateverKeyObjectsEachUsed() {
		// Each call builds its own key objects, as an application's calls do; B reads
		// them often, so it remembers their encoded form
		for (int round = 0; round < 3; round++) {
			this.a.cache("products").put(new Query("shirts", 2), "old " + round);
			this.a.cache("products").put(new UUID(7, 42), "old " + round);
			awaitReceivedByB(2L * (round + 1));
		}
		for (int read = 0; read < 3; read++) {
			assertThat(this.b.cache("products").get(new Query("shirts", 2), String.class)).isEqualTo("old 2");
			assertThat(this.b.cache("products").get(new UUID(7, 42), String.class)).isEqualTo("old 2");
		}

		this.a.cache("products").put(new Query("shirts", 2), "new");
		this.a.cache("products").evict(new UUID(7, 42));

		await().atMost(PROPAGATION)
			.untilAsserted(() -> assertThat(this.b.cache("products").get(new Query("shirts", 2), String.class))
				.isEqualTo("new"));
		await().atMost(PROPAGATION)
			.untilAsserted(() -> assertThat(this.b.cache("products").get(new UUID(7, 42))).isNull());
	}

	@Test
	void aKeyWhoseEqualsIgnoresPartOfItsTextStillReachesTheOtherInstance() {
		// B first stores the value under "ABC", then reads and writes it as "abc", which
		// its hand-written equals calls equal; A writes "abc"
		this.b.cache("products").put(new Sku("ABC"), "upper");
		this.b.cache("products").put(new Sku("abc"), "old");
		assertThat(this.b.cache("products").get(new Sku("abc"), String.class)).isEqualTo("old");

		this.a.cache("products").put(new Sku("abc"), "new");

		await().atMost(PROPAGATION)
			.untilAsserted(
					() -> assertThat(this.b.cache("products").get(new Sku("abc"), String.class)).isEqualTo("new"));
	}

	/**
	 * Waits until B has applied A's first changes, so that a late message cannot drop
	 * what B reads into its L1 next.
	 */
	private void awaitReceivedByB(long invalidations) {
		await().atMost(PROPAGATION).until(() -> this.b.stats().invalidationsReceived() == invalidations);
	}

	@Test
	void heartbeatsAreSpacedByTheBussTicker(RedisServer redis) {
		AtomicLong nanos = new AtomicLong();
		try (BusInstance instance = BusInstance.create(redis, "ticker-" + UUID.randomUUID(),
				(builder) -> builder.ticker(nanos::get))) {
			instance.bus().start();
			awaitSubscribed(instance);
			long sent = instance.stats().messagesSent();
			// Heartbeats are due every 100 ms of the ticker, which stands still
			await().during(Duration.ofMillis(500))
				.atMost(PROPAGATION)
				.until(() -> instance.stats().messagesSent() == sent);
			nanos.addAndGet(Duration.ofMillis(100).toNanos());
			await().atMost(PROPAGATION).until(() -> instance.stats().messagesSent() > sent);
		}
	}

	private static void awaitSubscribed(BusInstance instance) {
		await().atMost(PROPAGATION).until(() -> instance.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
	}

	record Query(String category, int page) {
	}

	/**
	 * A stock-keeping unit whose codes are compared ignoring case, by a hand-written
	 * {@code equals}, while its text keeps the case it was given.
	 */
	record Sku(String code) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Sku sku && sku.code.equalsIgnoreCase(this.code);
		}

		@Override
		public int hashCode() {
			return this.code.toLowerCase(Locale.ROOT).hashCode();
		}

	}

}
