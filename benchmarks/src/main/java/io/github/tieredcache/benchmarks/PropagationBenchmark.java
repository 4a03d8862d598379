package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.TypeAllowList;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.InvalidationBusStats;
import io.github.tieredcache.sync.SubscriptionState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * How long an eviction on one instance takes to reach another instance's L1. Two
 * instances (each with its own Redis connections, cache manager and
 * {@link InvalidationBus}) share one Redis; each round, instance B holds a key in its L1,
 * instance A evicts it, and the benchmark polls B's L1 until the key is gone. It reports
 * percentiles of two spans: from calling {@code evict} on A (which first deletes the key
 * in Redis) to B's L1 dropping it, and from {@code evict} returning to the drop (the bus
 * alone: queue, publish, delivery, apply). The baseline, measured in the same run, is a
 * raw Lettuce {@code PUBLISH} until another connection's listener receives it. Then a
 * burst of evictions shows the batching.
 *
 * <p>
 * Not a JMH benchmark: the result is a latency distribution across two threads. Run it
 * from the benchmarks jar:
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.PropagationBenchmark
 * </pre>
 *
 * System properties: {@code propagation.rounds} (default 10,000),
 * {@code propagation.warmup} (default 2,000), {@code propagation.burst} (default 10,000).
 */
public final class PropagationBenchmark {

	private static final String CACHE_NAME = "propagation-bench";

	private static final Duration BATCH_WINDOW = Duration.parse(System.getProperty("propagation.batch-window", "PT0S"));

	private static final long POLL_NANOS = Long.getLong("propagation.poll-nanos", 10_000);

	private static final long TIMEOUT_NANOS = Duration.ofSeconds(5).toNanos();

	private PropagationBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = Integer.getInteger("propagation.rounds", 10_000);
		int warmup = Integer.getInteger("propagation.warmup", 2_000);
		int burst = Integer.getInteger("propagation.burst", 10_000);
		BenchmarkRedis redis = BenchmarkRedis.locate();
		System.out.printf("Redis %s, %d warm-up and %d measured rounds, burst of %d, batch window %s%n", redis, warmup,
				rounds, burst, BATCH_WINDOW);
		try (Instance a = new Instance(redis); Instance b = new Instance(redis)) {
			a.awaitSubscribed();
			b.awaitSubscribed();
			measure(a, b, warmup, 0);
			long[][] spans = measure(a, b, rounds, warmup);
			print("baseline: raw PUBLISH -> received", rawPubSub(redis, warmup, rounds));
			print("evict called -> gone from B's L1", spans[0]);
			print("evict returned -> gone from B's L1", spans[1]);
			burst(a, b, burst);
			InvalidationBusStats stats = b.bus.stats();
			System.out.printf("B: %d messages received, %d losses detected, %d rejected%n", stats.messagesReceived(),
					stats.lossesDetected(), stats.messagesRejected());
		}
	}

	private static long[][] measure(Instance a, Instance b, int rounds, int firstKey) {
		long[] total = new long[rounds];
		long[] bus = new long[rounds];
		for (int i = 0; i < rounds; i++) {
			String key = "k" + (firstKey + i);
			a.put(key);
			// B must have applied the put (and the last round's eviction) before it
			// fills its L1, or a late message would drop the fresh entry.
			awaitReceived(b, a.changes);
			b.cache.get(key);
			if (!b.holds(key)) {
				throw new IllegalStateException("B did not keep " + key + " in its L1");
			}
			long start = System.nanoTime();
			a.evict(key);
			long returned = System.nanoTime();
			while (b.holds(key)) {
				pause();
				if (System.nanoTime() - start > TIMEOUT_NANOS) {
					throw new IllegalStateException("The eviction of " + key + " did not reach B");
				}
			}
			long gone = System.nanoTime();
			total[i] = gone - start;
			bus[i] = gone - returned;
		}
		return new long[][] { total, bus };
	}

	/**
	 * The baseline: a plain Lettuce {@code PUBLISH} on one connection until a listener on
	 * another connection of the same client receives it, one message at a time.
	 */
	private static long[] rawPubSub(BenchmarkRedis redis, int warmup, int rounds) {
		RedisClient client = redis.client();
		try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
				StatefulRedisConnection<String, String> publisher = client.connect()) {
			AtomicLong receivedAt = new AtomicLong();
			subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					receivedAt.set(System.nanoTime());
				}
			});
			String channel = BenchmarkRedis.KEY_PREFIX + ":~raw-pubsub";
			subscriber.sync().subscribe(channel);
			long[] nanos = new long[rounds];
			for (int i = -warmup; i < rounds; i++) {
				receivedAt.set(0);
				long start = System.nanoTime();
				publisher.sync().publish(channel, "m");
				while (receivedAt.get() == 0) {
					pause();
					if (System.nanoTime() - start > TIMEOUT_NANOS) {
						throw new IllegalStateException("A raw pub/sub message did not arrive");
					}
				}
				if (i >= 0) {
					nanos[i] = receivedAt.get() - start;
				}
			}
			return nanos;
		}
		finally {
			client.shutdown();
		}
	}

	private static void burst(Instance a, Instance b, int count) {
		awaitReceived(b, a.changes);
		InvalidationBusStats before = a.bus.stats();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			a.evict("burst" + i);
		}
		long evicted = System.nanoTime();
		awaitReceived(b, a.changes);
		long received = System.nanoTime();
		InvalidationBusStats after = a.bus.stats();
		System.out.printf(Locale.ROOT,
				"burst: %d evictions on A in %.1f ms, all applied on B %.1f ms after the last; "
						+ "%d messages, %d queue overflows%n",
				count, (evicted - start) / 1e6, (received - evicted) / 1e6, after.batchesSent() - before.batchesSent(),
				after.queueOverflows() - before.queueOverflows());
	}

	private static void awaitReceived(Instance b, long expected) {
		long start = System.nanoTime();
		while (b.bus.stats().invalidationsReceived() < expected) {
			pause();
			if (System.nanoTime() - start > TIMEOUT_NANOS) {
				throw new IllegalStateException(
						"B received " + b.bus.stats().invalidationsReceived() + " of " + expected + " invalidations");
			}
		}
	}

	/**
	 * Waits a few microseconds between polls: a busy spin would take a core from the
	 * threads being measured (on a small machine, from Redis itself).
	 */
	private static void pause() {
		LockSupport.parkNanos(POLL_NANOS);
	}

	private static void print(String span, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "%-36s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  max %7.3f ms%n",
				span, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 99.9),
				sorted[sorted.length - 1] / 1e6);
	}

	private static double percentile(long[] sorted, double percent) {
		int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	/**
	 * One application instance: its own connections, caches and bus.
	 */
	private static final class Instance implements AutoCloseable {

		private final LettuceConnectionFactory connections;

		private final InvalidationBus bus;

		private final TieredCache cache;

		/**
		 * Puts and evictions made on this instance, each one invalidation for the others.
		 */
		private long changes;

		Instance(BenchmarkRedis redis) {
			this.connections = redis.connectionFactory();
			AtomicReference<TieredCacheManager> manager = new AtomicReference<>();
			this.bus = InvalidationBus.builder(this.connections, BenchmarkRedis.KEY_PREFIX)
				.localCaches(manager::get)
				.batchWindow(BATCH_WINDOW)
				.build();
			manager.set(TieredCacheManager.builder()
				.remoteTiers(RedisTierFactory.builder(this.connections)
					.keyPrefix(BenchmarkRedis.KEY_PREFIX)
					.serializer(CacheValueSerializer.json(TypeAllowList.of(List.of("io.github.tieredcache"))))
					.build())
				.invalidationListener(this.bus)
				.build());
			this.bus.start();
			this.cache = manager.get().getCache(CACHE_NAME);
		}

		void awaitSubscribed() {
			long start = System.nanoTime();
			while (this.bus.stats().subscriptionState() != SubscriptionState.SUBSCRIBED) {
				pause();
				if (System.nanoTime() - start > TIMEOUT_NANOS) {
					throw new IllegalStateException("The bus did not subscribe");
				}
			}
		}

		void put(String key) {
			this.cache.put(key, "v");
			this.changes++;
		}

		void evict(String key) {
			this.cache.evict(key);
			this.changes++;
		}

		boolean holds(String key) {
			LocalTier l1 = this.cache.localTier();
			return l1 != null && l1.get(this.cache.encodeKey(key)) != null;
		}

		@Override
		public void close() {
			this.bus.stop();
			this.connections.destroy();
		}

	}

}
