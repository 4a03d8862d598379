package io.github.tieredcache.write;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.test.redis.TcpProxy;
import io.github.tieredcache.write.ViewCounters.Run;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WriteBehind} on a real Redis and a real database (H2, shared by the instances
 * of one test), with two or three application instances in this JVM: coalescing, order
 * per key, retries and dead letters, the takeover of a stopped instance's writes,
 * read-your-writes across instances, the shutdown drain and the synchronous fallback.
 * Time moves with the tests' clock; waits only bound how long an outcome may take.
 */
@RealRedis
class WriteBehindTests {

	private static final Duration DELAY = Duration.ofSeconds(10);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private String keyPrefix;

	private String database;

	@BeforeEach
	void isolate() {
		this.keyPrefix = "wb-" + UUID.randomUUID();
		this.database = "views-" + UUID.randomUUID();
		ViewCounters.runs.clear();
		ViewCounters.failuresLeft.clear();
		ViewCounters.holds.clear();
	}

	@AfterEach
	void stop() {
		ViewCounters.holds.values().forEach(CountDownLatch::countDown);
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void writesToOneKeyWithinTheDelayRunTheMethodOnceWithTheLast() {
		ConfigurableApplicationContext a = start("a");
		for (long count = 1; count <= 5; count++) {
			counters(a).saveViews(1, count);
		}
		queues(a).tick();
		assertThat(ViewCounters.runs).as("nothing runs before the delay").isEmpty();
		assertThat(counters(a).inDatabase(1)).isNull();

		ViewsApplication.clock.advance(DELAY);
		await(() -> counters(a).inDatabase(1) != null);

		// The method committed; its entries are acknowledged right after
		await(() -> queues(a).stats("views").executed() == 1);
		assertThat(ViewCounters.runs).containsExactly(new Run("a", 1, 5, false));
		assertThat(counters(a).inDatabase(1)).isEqualTo(5);
		WriteBehindStats stats = queues(a).stats("views");
		assertThat(stats.queued()).isEqualTo(5);
		assertThat(stats.executed()).isEqualTo(1);
		assertThat(stats.coalesced()).isEqualTo(4);
		assertThat(stats.queueDepth()).isZero();
		assertThat(queues(a).stats("views").pendingKeys()).isZero();
	}

	@Test
	void writesToOneKeyFromSeveralInstancesRunInOrderAndTheLastOneWins() {
		ConfigurableApplicationContext a = start("a");
		ConfigurableApplicationContext b = start("b");
		ConfigurableApplicationContext c = start("c");
		List<ConfigurableApplicationContext> all = List.of(a, b, c);
		for (long count = 1; count <= 30; count++) {
			counters(all.get((int) (count % 3))).saveViews(2, count);
			if (count % 4 == 0) {
				// Let earlier writes come due while later ones are queued
				ViewsApplication.clock.advance(DELAY);
			}
		}
		ViewsApplication.clock.advance(DELAY);

		await(() -> Long.valueOf(30).equals(counters(a).inDatabase(2)));

		List<Long> written = ViewCounters.runs.stream().filter((run) -> !run.started()).map(Run::count).toList();
		assertThat(written).as("values written, in order").isSorted().doesNotHaveDuplicates().endsWith(30L);
		assertThat(written.size()).as("coalesced runs").isLessThan(30);
	}

	@Test
	void differentKeysRunInParallelUpToTheConcurrency() {
		ConfigurableApplicationContext a = start("a", "--tiered-cache.caches.views.write-behind.concurrency=3");
		for (long id = 100; id < 104; id++) {
			ViewCounters.holds.put(id, new CountDownLatch(1));
			counters(a).saveViews(id, 1);
		}
		ViewsApplication.clock.advance(DELAY);
		await(() -> ViewCounters.runs.stream().filter(Run::started).count() == 3);
		queues(a).tick();
		assertThat(ViewCounters.runs.stream().filter(Run::started).count()).as("held at once").isEqualTo(3);

		ViewCounters.holds.values().forEach(CountDownLatch::countDown);
		await(() -> ViewCounters.runs.stream().filter((run) -> !run.started()).count() == 4);
	}

	@Test
	void aFailingWriteIsRetriedWithBackOffAndSucceeds() {
		ConfigurableApplicationContext a = start("a");
		ViewCounters.failuresLeft.put(3L, new AtomicInteger(2));
		counters(a).saveViews(3, 7);
		ViewsApplication.clock.advance(DELAY);
		await(() -> queues(a).stats("views").retries() == 1);
		ViewsApplication.clock.advance(WriteBehindWorker.backoff(1));
		await(() -> queues(a).stats("views").retries() == 2);
		ViewsApplication.clock.advance(WriteBehindWorker.backoff(2));

		await(() -> Long.valueOf(7).equals(counters(a).inDatabase(3)));
		assertThat(queues(a).stats("views").deadLetters()).isZero();
	}

	@Test
	void aWriteThatFailsEveryAttemptGoesToTheDeadLetterStreamAndLeavesTheCache(RedisServer redis) {
		ConfigurableApplicationContext a = start("a", "--tiered-cache.caches.views.write-behind.max-attempts=2");
		ViewCounters.failuresLeft.put(4L, new AtomicInteger(Integer.MAX_VALUE));
		counters(a).saveViews(4, 9);
		assertThat(counters(a).views(4)).as("cached at once").isEqualTo(9);
		ViewsApplication.clock.advance(DELAY);
		await(() -> queues(a).stats("views").retries() == 1);
		ViewsApplication.clock.advance(WriteBehindWorker.backoff(1));

		// Written to the dead-letter stream, then counted, then evicted
		await(() -> queues(a).stats("views").deadLetters() == 1 && queues(a).stats("views").deadLettered() == 1);
		WriteBehindStats stats = queues(a).stats("views");
		assertThat(stats.queueDepth()).isZero();
		assertThat(stats.pendingKeys()).isZero();
		String deadLetters = this.keyPrefix + ":~write-behind:{" + this.keyPrefix + ":views}:dead";
		assertThat(redis.command("XLEN", deadLetters)).isEqualTo("1");
		awaitAsserted(() -> assertThat(counters(a).views(4)).as("read from the database again").isZero());
	}

	@Test
	void aQueuedWriteIsReadOnEveryInstanceEvenAfterItsEntryWasEvicted() {
		ConfigurableApplicationContext a = start("a");
		ConfigurableApplicationContext b = start("b");
		counters(a).saveViews(5, 42);
		cache(a).evict(5L);
		int reads = counters(b).reads();

		assertThat(counters(b).views(5)).isEqualTo(42);
		assertThat(counters(b).reads()).as("the database was not read").isEqualTo(reads);

		ViewsApplication.clock.advance(DELAY);
		await(() -> Long.valueOf(42).equals(counters(a).inDatabase(5)));
		await(() -> queues(a).stats("views").pendingKeys() == 0);
		cache(a).evict(5L);
		await(() -> cache(b).localTier().get(cache(b).encodeKey(5L)) == null);
		assertThat(counters(b).views(5)).isEqualTo(42);
		assertThat(counters(b).reads()).as("read from the database once the write ran").isEqualTo(reads + 1);
	}

	@Test
	void theWritesOfAStoppedInstanceAreTakenOverAndNoneIsLost() {
		ConfigurableApplicationContext a = start("a");
		for (long id = 10; id < 30; id++) {
			for (long count = 1; count <= 3; count++) {
				counters(a).saveViews(id, id * 100 + count);
			}
		}
		// a holds every entry; one write is under way when it dies
		ViewCounters.holds.put(10L, new CountDownLatch(1));
		ViewsApplication.clock.advance(DELAY);
		await(() -> ViewCounters.runs.stream().anyMatch((run) -> run.id() == 10 && run.started()));
		queues(a).halt();
		ViewCounters.holds.remove(10L).countDown();

		ConfigurableApplicationContext b = start("b");
		await(() -> queues(b).stats("views").queueDepth() == 0);

		for (long id = 10; id < 30; id++) {
			assertThat(counters(b).inDatabase(id)).as("views of " + id).isEqualTo(id * 100 + 3);
		}
		assertThat(ViewCounters.runs).contains(new Run("b", 10, 1003, false));
		assertThat(queues(b).stats("views").pendingKeys()).isZero();
	}

	@Test
	void stoppingAnInstanceRunsItsHeldWritesWithoutWaitingForTheDelay() {
		ConfigurableApplicationContext a = start("a");
		for (long id = 40; id < 45; id++) {
			counters(a).saveViews(id, id);
		}
		await(() -> queues(a).worker("views").heldCount() == 5);
		ConfigurableApplicationContext b = start("b");

		a.close();

		for (long id = 40; id < 45; id++) {
			assertThat(counters(b).inDatabase(id)).isEqualTo(id);
		}
		assertThat(ViewCounters.runs).allMatch((run) -> run.instance().equals("a"));
		assertThat(queues(b).stats("views").queueDepth()).isZero();
	}

	@Test
	void withRedisDownTheMethodRunsSynchronously() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ConfigurableApplicationContext a = start("a", "--spring.data.redis.url=redis://127.0.0.1:" + port);
		counters(a).saveViews(6, 11);

		assertThat(counters(a).inDatabase(6)).isEqualTo(11);
		assertThat(ViewCounters.runs).containsExactly(new Run("a", 6, 11, false));
		assertThat(queues(a).stats("views").synchronous()).isEqualTo(1);
		assertThat(counters(a).views(6)).isEqualTo(11);
	}

	/**
	 * A write whose queueing timed out runs synchronously, but the command was sent: when
	 * it reaches Redis late, after another instance queued a newer write of the same key,
	 * it must not become the key's latest write. Seen in a soak, with latency between one
	 * instance and Redis: the database kept the older count.
	 */
	@Test
	void aQueueingThatReachesRedisAfterItsCallerGaveUpDoesNotOvertakeANewerWrite() {
		RedisServer redis = RedisServers.shared();
		try (TcpProxy slow = TcpProxy.start(redis.host(), redis.port())) {
			ConfigurableApplicationContext a = start("a",
					"--spring.data.redis.url=redis://" + slow.host() + ":" + slow.port(),
					"--tiered-cache.redis.timeout=250ms");
			ConfigurableApplicationContext b = start("b");
			// From now on a's commands reach Redis after a gave up on them
			slow.latency(Duration.ofMillis(1500));
			counters(a).saveViews(8, 1);
			assertThat(queues(a).stats("views").synchronous()).isEqualTo(1);
			assertThat(counters(a).inDatabase(8)).isEqualTo(1);
			counters(b).saveViews(8, 2);
			assertThat(queues(b).stats("views").queued()).isEqualTo(1);
			slow.heal();

			ViewsApplication.clock.advance(DELAY);
			await(() -> Long.valueOf(2).equals(counters(b).inDatabase(8)));
			// a's late queueing arrives 1.5 s after it was sent; it must change nothing
			org.awaitility.Awaitility.await()
				.during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(6))
				.until(() -> Long.valueOf(2).equals(counters(b).inDatabase(8))
						&& queues(b).stats("views").pendingKeys() == 0);
		}
	}

	private ConfigurableApplicationContext start(String instance, String... more) {
		List<String> args = new ArrayList<>(List.of("--instance=" + instance,
				"--spring.datasource.url=jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1",
				"--spring.data.redis.url=" + RedisServers.shared().url(), "--tiered-cache.key-prefix=" + this.keyPrefix,
				"--tiered-cache.caches.views.ttl=10m", "--tiered-cache.caches.views.write-behind.delay=" + DELAY,
				"--tiered-cache.write-behind.claim-after=500ms", "--tiered-cache.write-behind.shutdown-timeout=10s",
				"--spring.main.banner-mode=off"));
		for (String arg : more) {
			args.removeIf((existing) -> existing.startsWith(arg.substring(0, arg.indexOf('=') + 1)));
			args.add(arg);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ViewsApplication.class)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		this.instances.add(context);
		return context;
	}

	private static ViewCounters counters(ConfigurableApplicationContext context) {
		return context.getBean(ViewCounters.class);
	}

	private static WriteBehindQueues queues(ConfigurableApplicationContext context) {
		return context.getBean(WriteBehindQueues.class);
	}

	private static TieredCache cache(ConfigurableApplicationContext context) {
		return context.getBean(TieredCacheManager.class).getCache("views");
	}

	private static void awaitAsserted(ThrowingRunnable assertion) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(assertion);
	}

	private static void await(BooleanSupplier condition) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.alias("write-behind condition; runs: " + ViewCounters.runs)
			.until(condition::getAsBoolean);
	}

}
