package io.github.tieredcache.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SharedLettuceCommands}: it follows the factory's shared connection
 * when the factory replaces it.
 */
@RealRedis
class SharedLettuceCommandsTests {

	private static final byte[] KEY = "shared-lettuce-commands-tests".getBytes(StandardCharsets.UTF_8);

	private LettuceConnectionFactory connectionFactory;

	@BeforeEach
	void open(RedisServer redis) {
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(5));
	}

	@AfterEach
	void close() {
		this.connectionFactory.destroy();
	}

	@Test
	void usesTheNewSharedConnectionOnceTheFactoryResetsTheOldOne() {
		SharedLettuceCommands commands = new SharedLettuceCommands(this.connectionFactory, Duration.ofSeconds(1));
		commands.set(KEY, "before".getBytes(StandardCharsets.UTF_8), 60_000);
		this.connectionFactory.resetConnection();
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(commands.get(KEY)).asString(StandardCharsets.UTF_8).isEqualTo("before"));
	}

	/**
	 * The shared connection is looked up on a thread of its own from construction, and
	 * when the factory already holds one that thread can finish before the constructor
	 * does: the connection found then must not be reused once it has been replaced. Seen
	 * in a soak: an instance whose caches never used Redis again after the factory
	 * replaced its shared connection. Many rounds, since the race is a matter of timing.
	 */
	@Test
	void followsResetsWhateverTheTimingOfItsFirstLookUp() {
		for (int round = 0; round < 200; round++) {
			SharedLettuceCommands commands = new SharedLettuceCommands(this.connectionFactory, Duration.ofSeconds(1));
			soon().until(() -> {
				commands.set(KEY, "before".getBytes(StandardCharsets.UTF_8), 60_000);
				return true;
			});
			this.connectionFactory.resetConnection();
			soon().untilAsserted(
					() -> assertThat(commands.get(KEY)).asString(StandardCharsets.UTF_8).isEqualTo("before"));
		}
	}

	private static ConditionFactory soon() {
		return await().atMost(Duration.ofSeconds(5))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.ignoreExceptions();
	}

}
