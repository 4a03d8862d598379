package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.LossCause;
import io.github.tieredcache.sync.SubscriptionState;
import io.github.tieredcache.test.redis.RedisSentinelGroup;
import io.github.tieredcache.testing.VersionedSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances configured with {@code spring.data.redis.sentinel.*} share a
 * real Sentinel group (a master, a replica, three sentinels) whose master is killed, or
 * frozen, while callers on both instances read, load through {@code @Cached} and write:
 * no caller sees an exception, both instances use the elected master again (L2 hits, and
 * invalidations over the bus), and changes made just before the master was lost are not
 * served stale afterwards. Each run prints how long the failover took and when the caches
 * were back on Redis.
 */
@Tag("fault")
class RedisSentinelFailoverTests {

	/**
	 * A bound that only a broken failover exceeds, not a measurement: the sentinels
	 * declare the master down after two seconds and elect its replica within a few more;
	 * each run prints its times.
	 */
	private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final int KEYS = 2_000;

	private static final int CHANGED_BEFORE = 200;

	@Test
	void killingTheMasterReachesNoCallerAndBothInstancesFollowTheElectedMaster() throws Exception {
		try (RedisSentinelGroup group = RedisSentinelGroup.start(1)) {
			VersionedSource source = new VersionedSource(KEYS);
			ApplicationContextRunner runner = runner(group, source);
			runner.run((a) -> runner.run((b) -> failsOver(group, RedisSentinelGroup::killMaster, source, a, b)));
		}
	}

	/**
	 * A frozen master (a hung process, or a network that drops its packets) keeps the
	 * connections made to it open: nothing tells the client to reconnect, yet the caches
	 * must follow the elected master while the old one stays frozen.
	 */
	@Test
	void freezingTheMasterReachesNoCallerAndBothInstancesFollowTheElectedMaster() throws Exception {
		try (RedisSentinelGroup group = RedisSentinelGroup.start(1)) {
			VersionedSource source = new VersionedSource(KEYS);
			ApplicationContextRunner runner = runner(group, source);
			runner.run((a) -> runner.run((b) -> failsOver(group, RedisSentinelGroup::pauseMaster, source, a, b)));
		}
	}

	private static void failsOver(RedisSentinelGroup group, Function<RedisSentinelGroup, String> fault,
			VersionedSource source, AssertableApplicationContext a, AssertableApplicationContext b) throws Exception {
		assertThat(a).hasNotFailed();
		assertThat(b).hasNotFailed();
		InvalidationBus busOfA = a.getBean(InvalidationBus.class);
		InvalidationBus busOfB = b.getBean(InvalidationBus.class);
		awaitSubscribed(busOfA, busOfB);
		TieredCache accountsOfA = a.getBean(TieredCacheManager.class).getCache("accounts");
		TieredCache accountsOfB = b.getBean(TieredCacheManager.class).getCache("accounts");
		String keyPrefix = busOfA.channel().replace(":~sync", "");
		String master = group.master();
		accountsOfA.put("shared", "through Redis");
		assertThat(group.command(master, "EXISTS", keyPrefix + ":accounts:shared")).isEqualTo("1");
		assertThat(accountsOfB.get("shared", String.class)).isEqualTo("through Redis");

		// Entries B holds in L1, changed by A just before the master is lost: whether or
		// not the bus delivered A's messages in time, B must not serve the old values
		// once it has subscribed again
		for (int i = 0; i < CHANGED_BEFORE; i++) {
			assertThat(accountsOfB.get("before-" + i, () -> "old")).isEqualTo("old");
		}
		Traffic traffic = Traffic.start(source, a, b);
		long resubscriptionsOfB = busOfB.stats().losses(LossCause.RESUBSCRIBED);
		long lost;
		long recovered;
		try {
			traffic.awaitCalls(2_000);
			for (int i = 0; i < CHANGED_BEFORE; i++) {
				accountsOfA.put("before-" + i, "new");
			}
			String old = fault.apply(group);
			lost = System.nanoTime();
			String elected = group.awaitNewMaster(old);
			long electedAt = System.nanoTime();

			// L2 hits again: what A writes, B reads from Redis (it has no copy of its
			// own)
			AtomicLong probes = new AtomicLong();
			await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
				String probe = "probe-" + probes.incrementAndGet();
				accountsOfA.put(probe, "written by A");
				assertThat(accountsOfB.get(probe, String.class)).isEqualTo("written by A");
			});
			recovered = System.nanoTime();
			assertThat(group.command(elected, "EXISTS", keyPrefix + ":accounts:probe-" + probes.get())).isEqualTo("1");
			await().atMost(PATIENCE)
				.until(() -> busOfB.stats().losses(LossCause.RESUBSCRIBED) > resubscriptionsOfB
						&& busOfB.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
			long resubscribed = System.nanoTime();
			awaitSubscribed(busOfA, busOfB);
			System.out.printf(
					"[sentinel failover] master %s lost; %s elected %d ms later, L2 hits again after %d ms, "
							+ "the bus of B subscribed again after %d ms%n",
					old, elected, millis(lost, electedAt), millis(lost, recovered), millis(lost, resubscribed));

			for (int i = 0; i < CHANGED_BEFORE; i++) {
				assertThat(accountsOfB.get("before-" + i, () -> "loaded")).as("before-%d on B", i).isEqualTo("new");
			}
			invalidationOnAReachesB(accountsOfA, accountsOfB);
			traffic.awaitCalls(traffic.calls() + 2_000);
		}
		finally {
			traffic.close();
		}
		System.out.printf("[sentinel failover] %d calls, %d errors to callers, slowest %d ms; A: %s, %s; B: %s, %s%n",
				traffic.calls(), traffic.errors().size(), traffic.slowestCall().toMillis(),
				a.getBean(RemoteTierGuard.class).status(), busOfA.stats(), b.getBean(RemoteTierGuard.class).status(),
				busOfB.stats());
		assertThat(traffic.errors()).isEmpty();
		assertThat(Duration.ofNanos(recovered - lost)).isLessThan(RECOVERY_BOUND);
	}

	/**
	 * A fresh entry in B's L1 is dropped once A changes it, while another one B holds
	 * stays: the message came over the bus, it was no flush of B's whole L1.
	 */
	private static void invalidationOnAReachesB(TieredCache ofA, TieredCache ofB) {
		LocalTier localOfB = ofB.localTier();
		assertThat(localOfB).isNotNull();
		AtomicLong attempts = new AtomicLong();
		await().atMost(PATIENCE).untilAsserted(() -> {
			String changed = "after-" + attempts.incrementAndGet();
			String kept = "kept-" + attempts.get();
			assertThat(ofB.get(changed, () -> "old")).isEqualTo("old");
			assertThat(ofB.get(kept, () -> "kept")).isEqualTo("kept");

			ofA.put(changed, "new");

			await().atMost(Duration.ofSeconds(5)).until(() -> localOfB.get(ofB.encodeKey(changed)) == null);
			assertThat(localOfB.get(ofB.encodeKey(kept))).as("an entry nobody changed").isNotNull();
			assertThat(ofB.get(changed, String.class)).isEqualTo("new");
		});
	}

	private static void awaitSubscribed(InvalidationBus... buses) {
		for (InvalidationBus bus : buses) {
			await().atMost(PATIENCE).until(() -> bus.stats().subscriptionState() == SubscriptionState.SUBSCRIBED);
		}
	}

	private static long millis(long from, long to) {
		return Duration.ofNanos(to - from).toMillis();
	}

	private static ApplicationContextRunner runner(RedisSentinelGroup group, VersionedSource source) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class,
							InvalidationBusAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class))
			.withBean(Catalog.class, () -> new Catalog(source))
			.withPropertyValues("spring.data.redis.sentinel.master=" + group.masterName(),
					"spring.data.redis.sentinel.nodes=" + String.join(",", group.sentinels()),
					"spring.data.redis.connect-timeout=1s", "tiered-cache.key-prefix=sentinel-" + UUID.randomUUID(),
					"tiered-cache.defaults.ttl=10m");
	}

	/**
	 * A service whose reads are cached with {@code @Cached}, over the versioned source.
	 */
	public static class Catalog {

		private final VersionedSource source;

		Catalog(VersionedSource source) {
			this.source = source;
		}

		@Cached(cache = "catalog", key = "#id")
		public String item(int id) {
			return this.source.read(id);
		}

	}

	/**
	 * Threads on both instances, the way request threads would call: {@code @Cached}
	 * loads, {@code cache.get(key, loader)} and writes of new versions. Records every
	 * exception that reaches a caller. Each thread pauses a tenth of a millisecond
	 * between calls, leaving the CPU of a small machine to Redis and the sentinels, whose
	 * timing decides the failover.
	 */
	private static final class Traffic implements AutoCloseable {

		private static final Duration PAUSE = Duration.ofNanos(100_000);

		private final List<Thread> threads = new ArrayList<>();

		private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

		private final AtomicLong calls = new AtomicLong();

		private final AtomicLong slowestNanos = new AtomicLong();

		private volatile boolean running = true;

		static Traffic start(VersionedSource source, AssertableApplicationContext... instances) {
			Traffic traffic = new Traffic();
			for (AssertableApplicationContext instance : instances) {
				Catalog catalog = instance.getBean(Catalog.class);
				TieredCache products = instance.getBean(TieredCacheManager.class).getCache("products");
				for (int i = 0; i < 2; i++) {
					traffic.threads.add(new Thread(() -> traffic.call(source, catalog, products),
							"caller-" + traffic.threads.size()));
				}
			}
			traffic.threads.forEach(Thread::start);
			return traffic;
		}

		private void call(VersionedSource source, Catalog catalog, TieredCache products) {
			while (this.running) {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				int key = random.nextInt(source.size());
				int operation = random.nextInt(100);
				long start = System.nanoTime();
				try {
					Object value;
					if (operation < 50) {
						value = catalog.item(key);
					}
					else if (operation < 99) {
						value = products.get(key, () -> source.read(key));
					}
					else {
						source.update(key);
						value = source.read(key);
						products.put(key, value);
					}
					if (value == null) {
						throw new IllegalStateException("null for key " + key);
					}
				}
				catch (Throwable ex) {
					this.errors.add(ex);
				}
				this.slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
				this.calls.incrementAndGet();
				LockSupport.parkNanos(PAUSE.toNanos());
			}
		}

		void awaitCalls(long count) {
			await().atMost(PATIENCE).until(() -> this.calls.get() >= count);
		}

		long calls() {
			return this.calls.get();
		}

		List<Throwable> errors() {
			return List.copyOf(this.errors);
		}

		Duration slowestCall() {
			return Duration.ofNanos(this.slowestNanos.get());
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(PATIENCE.toMillis());
			}
		}

	}

}
