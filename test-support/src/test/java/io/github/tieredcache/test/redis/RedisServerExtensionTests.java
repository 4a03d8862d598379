package io.github.tieredcache.test.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link RedisServerExtension} and {@link RealRedis}: fixture classes run
 * through the JUnit engine, then what they were given is inspected.
 */
class RedisServerExtensionTests {

	@Test
	void injectsTheSharedServerEverywhere() {
		run(SharedFixture.class);
		assertThat(SharedFixture.injected).hasSize(4).allSatisfy((server) -> {
			assertThat(server).isSameAs(RedisServers.shared());
			assertThat(server.controllable()).isFalse();
		});
		assertThat(RedisServers.shared().command("PING")).as("the shared server outlives the test class")
			.isEqualTo("PONG");
	}

	@Test
	void injectsAFreshServerIntoEachDedicatedTestMethodParameterAndClosesItAfterTheTest() {
		run(DedicatedMethodFixture.class);
		List<RedisServer> servers = DedicatedMethodFixture.injected;
		assertThat(servers).hasSize(2).doesNotHaveDuplicates();
		assertThat(servers.get(0).port()).isNotEqualTo(servers.get(1).port());
		assertThat(DedicatedMethodFixture.runningInAfterEach).containsExactly(true, true);
		assertThat(servers).allSatisfy((server) -> {
			assertThat(server.controllable()).isTrue();
			assertThat(server.isRunning()).as("closed after the test").isFalse();
		});
	}

	@Test
	void keepsADedicatedBeforeAllServerForTheWholeClass() {
		run(DedicatedClassFixture.class);
		RedisServer server = DedicatedClassFixture.classServer;
		assertThat(DedicatedClassFixture.portsSeenByTests).containsOnlyKeys("first", "second")
			.containsValues(server.port());
		assertThat(DedicatedClassFixture.runningInAfterAll).isTrue();
		assertThat(server.isRunning()).as("closed after the class").isFalse();
	}

	@Test
	void givesEachTestInstanceItsOwnDedicatedConstructorServer() {
		run(DedicatedConstructorFixture.class);
		List<RedisServer> servers = DedicatedConstructorFixture.injected;
		assertThat(servers).hasSize(2).doesNotHaveDuplicates();
		assertThat(servers).allSatisfy((server) -> assertThat(server.isRunning()).isFalse());
	}

	@Test
	void leavesParametersOfOtherTypesToOtherResolvers() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(UnsupportedParameterFixture.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).failed(1));
	}

	@Test
	@RealRedis
	void sharedServerRefusesFaultControlAndIgnoresClose(RedisServer redis) {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(redis::kill)
			.withMessageContaining("@Dedicated");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(redis::pause)
			.withMessageContaining("RedisServers.startDedicated()");
		redis.close();
		assertThat(redis.command("PING")).isEqualTo("PONG");
	}

	private static void run(Class<?> fixture) {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(fixture))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(2).succeeded(2));
	}

	@RealRedis
	static class SharedFixture {

		static final List<RedisServer> injected = new CopyOnWriteArrayList<>();

		SharedFixture(RedisServer redis) {
			injected.add(redis);
		}

		@Test
		void first(RedisServer redis) {
			injected.add(redis);
		}

		@Test
		void second(RedisServer redis) {
			injected.add(redis);
		}

	}

	@RealRedis
	static class DedicatedMethodFixture {

		static final List<RedisServer> injected = new CopyOnWriteArrayList<>();

		static final List<Boolean> runningInAfterEach = new CopyOnWriteArrayList<>();

		private RedisServer current;

		@Test
		void first(@Dedicated RedisServer redis) {
			use(redis);
		}

		@Test
		void second(@Dedicated RedisServer redis) {
			use(redis);
		}

		@org.junit.jupiter.api.AfterEach
		void recordStillRunning() {
			runningInAfterEach.add(this.current.isRunning());
		}

		private void use(RedisServer redis) {
			this.current = redis;
			injected.add(redis);
			assertThat(redis.command("DBSIZE")).isEqualTo("0");
			redis.kill();
			redis.restart();
		}

	}

	@RealRedis
	static class DedicatedClassFixture {

		static RedisServer classServer;

		static final Map<String, Integer> portsSeenByTests = new ConcurrentHashMap<>();

		static boolean runningInAfterAll;

		@BeforeAll
		static void startServer(@Dedicated RedisServer redis) {
			classServer = redis;
		}

		@BeforeEach
		void flush() {
			classServer.flushAll();
		}

		@Test
		void first() {
			portsSeenByTests.put("first", classServer.port());
		}

		@Test
		void second() {
			portsSeenByTests.put("second", classServer.port());
		}

		@AfterAll
		static void recordStillRunning() {
			runningInAfterAll = classServer.isRunning();
		}

	}

	@RealRedis
	static class DedicatedConstructorFixture {

		static final List<RedisServer> injected = new CopyOnWriteArrayList<>();

		private final RedisServer redis;

		DedicatedConstructorFixture(@Dedicated RedisServer redis) {
			this.redis = redis;
			injected.add(redis);
		}

		@Test
		void first() {
			assertThat(this.redis.command("PING")).isEqualTo("PONG");
		}

		@Test
		void second() {
			assertThat(this.redis.command("PING")).isEqualTo("PONG");
		}

	}

	@RealRedis
	static class UnsupportedParameterFixture {

		@Test
		void needsSomethingElse(AutoCloseable resource) {
		}

	}

}
