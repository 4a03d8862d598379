package io.github.tieredcache.testing;

import java.time.Duration;
import java.util.List;

import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.serialization.CacheValueSerializer;
import io.github.tieredcache.serialization.TypeAllowList;
import io.github.tieredcache.test.redis.RedisServer;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis connections to a harness-started Redis, for tests that build caches
 * by hand.
 */
public final class RedisConnections {

	private RedisConnections() {
	}

	/**
	 * Opens a Lettuce connection factory to the server; the caller destroys it.
	 * @param server the server
	 * @param commandTimeout how long a command may take before it fails
	 * @return a started factory
	 */
	public static LettuceConnectionFactory open(RedisServer server, Duration commandTimeout) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()), client);
		factory.afterPropertiesSet();
		factory.start();
		// Connect now, within the command timeout: the cache gives up on a connection
		// still being made after its own (much shorter) timeout, which a cold JVM on a
		// busy machine can exceed on the first test. Tests that start without Redis
		// connect later.
		try (RedisConnection connection = factory.getConnection()) {
			connection.ping();
		}
		catch (RedisConnectionFailureException ex) {
			// Redis is down on purpose
		}
		return factory;
	}

	/**
	 * Returns a Redis tier factory with the JSON serializer allowing this project's
	 * types.
	 * @param connectionFactory the connections
	 * @param keyPrefix the key prefix, unique per test
	 * @return a builder to customise further
	 */
	public static RedisTierFactory.Builder tiers(LettuceConnectionFactory connectionFactory, String keyPrefix) {
		return RedisTierFactory.builder(connectionFactory)
			.keyPrefix(keyPrefix)
			.serializer(CacheValueSerializer.json(TypeAllowList.of(List.of("io.github.tieredcache"))));
	}

}
