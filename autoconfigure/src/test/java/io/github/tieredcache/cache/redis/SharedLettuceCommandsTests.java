package io.github.tieredcache.cache.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
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
	 * A reset that closes the shared connection while Lettuce is reconnecting it (Redis
	 * came back at that moment) can leave the connection marked active, because the
	 * reconnection activates it after the close, on an endpoint that stays closed: every
	 * command fails with "Connection is closed". Seen in a soak: an instance that never
	 * used Redis again after a two-second restart of Redis.
	 */
	@Test
	void usesTheNewSharedConnectionWhenTheOldOneWasActivatedAgainAfterItsClose() {
		SharedLettuceCommands commands = new SharedLettuceCommands(this.connectionFactory, Duration.ofSeconds(1));
		commands.set(KEY, "before".getBytes(StandardCharsets.UTF_8), 60_000);
		RedisChannelHandler<?, ?> old = sharedConnection();
		this.connectionFactory.resetConnection();
		// what the racing reconnection does to the closed connection
		old.activated();
		assertThat(old.isOpen()).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(commands.get(KEY)).asString(StandardCharsets.UTF_8).isEqualTo("before"));
	}

	private RedisChannelHandler<?, ?> sharedConnection() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			RedisAsyncCommands<?, ?> commands = (RedisAsyncCommands<?, ?>) connection.getNativeConnection();
			return (RedisChannelHandler<?, ?>) commands.getStatefulConnection();
		}
	}

}
