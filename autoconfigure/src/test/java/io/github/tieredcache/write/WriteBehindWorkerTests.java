package io.github.tieredcache.write;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.TypeAllowList;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One cache's {@link WriteBehindWorker} on a real Redis, ticked by the test alone (no
 * scheduler), so what one tick does is visible: it starts every due write, the next as
 * soon as one ends, rather than at most the concurrency per tick; and the writes of a key
 * that a later held write supersedes leave the queue as soon as they are read.
 */
@RealRedis
class WriteBehindWorkerTests {

	private static final Duration DELAY = Duration.ofSeconds(10);

	private final ViewsApplication.MovingClock clock = new ViewsApplication.MovingClock();

	private final Recorder recorder = new Recorder();

	private final WriteBehindCounters counters = new WriteBehindCounters();

	private final StoredArguments arguments = new StoredArguments(
			CacheValueSerializer.json(TypeAllowList.builtInOnly()));

	private LettuceConnectionFactory connectionFactory;

	private WriteBehindStream stream;

	private WriteBehindWorker worker;

	private String methodId;

	private RedisServer redis;

	@BeforeEach
	void start(RedisServer redis) throws Exception {
		this.redis = redis;
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(5));
		this.stream = new WriteBehindStream(
				BoundedRedisCommands.forFactory(this.connectionFactory, Duration.ofSeconds(5)),
				"wb-worker-" + UUID.randomUUID(), "scores");
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("recorder", this.recorder);
		WriteBehindMethods methods = new WriteBehindMethods(beans);
		methods.register("recorder", Recorder.class.getMethod("save", long.class, long.class));
		this.methodId = WriteOperation.methodId(Recorder.class.getMethod("save", long.class, long.class));
		this.worker = new WriteBehindWorker("scores",
				WriteBehindSettings.defaults().withDelay(DELAY).withConcurrency(1), this.stream, methods,
				this.arguments, this.clock, "worker-tests", Duration.ofSeconds(30), this.counters, (key) -> {
				});
	}

	@AfterEach
	void stop() {
		this.worker.halt();
		this.connectionFactory.destroy();
	}

	@Test
	void oneTickRunsEveryDueWriteNotOnlyAsManyAsTheConcurrency() {
		for (long id = 1; id <= 20; id++) {
			enqueue(id, id * 10);
		}
		this.clock.advance(DELAY);

		this.worker.tick();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.recorder.runs.size() == 20);
		assertThat(this.recorder.runs).hasSize(20).contains("1=10", "20=200");
	}

	@Test
	void writesOfAKeySupersededWithinTheDelayLeaveTheQueueAsSoonAsTheyAreRead() {
		for (long views = 1; views <= 50; views++) {
			enqueue(7, views);
		}

		this.worker.tick();

		assertThat(this.worker.heldCount()).as("the oldest, timing the delay, and the newest").isEqualTo(2);
		assertThat(this.redis.command("XLEN", this.stream.name())).isEqualTo("2");
		assertThat(this.counters.coalesced.sum()).isEqualTo(48);
		assertThat(this.recorder.runs).as("nothing runs before the delay").isEmpty();

		this.clock.advance(DELAY);
		this.worker.tick();

		// Acknowledged in the stream, then counted
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "0".equals(this.redis.command("XLEN", this.stream.name()))
					&& this.counters.executed.sum() >= 1);
		assertThat(this.recorder.runs).containsExactly("7=50");
		assertThat(this.counters.coalesced.sum()).isEqualTo(49);
		assertThat(this.counters.executed.sum()).isEqualTo(1);
	}

	private void enqueue(long id, long views) {
		this.stream.enqueue(Long.toString(id), this.methodId, this.arguments.write(new Object[] { id, views }),
				this.clock.millis(), this.arguments.writeValue(views), Long.MAX_VALUE);
	}

	/**
	 * The write-behind method: records each run as {@code id=views}.
	 */
	public static class Recorder {

		final List<String> runs = new CopyOnWriteArrayList<>();

		public void save(long id, long views) {
			this.runs.add(id + "=" + views);
		}

	}

}
