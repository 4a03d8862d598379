package io.github.tieredcache.cache.redis;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Reads one stored entry: the {@code GET} on the cache's hot path, kept apart from the
 * other commands so it can take the shortest route to Redis the connection factory
 * allows.
 *
 * <p>
 * Implementations are thread-safe and throw a {@link RuntimeException} when Redis cannot
 * answer.
 */
@FunctionalInterface
interface EntryReader {

	/**
	 * Reads the bytes stored under a key.
	 * @param key the Redis key
	 * @return the bytes, or {@code null} when the key does not exist
	 */
	byte @Nullable [] read(byte[] key);

	/**
	 * Returns the fastest reader for the factory: Lettuce's shared native connection when
	 * the factory shares one, otherwise a connection borrowed from the factory per read.
	 * @param connectionFactory the application's connection factory
	 * @return the reader
	 */
	static EntryReader forFactory(RedisConnectionFactory connectionFactory) {
		if (ClassUtils.isPresent("io.lettuce.core.RedisClient", EntryReader.class.getClassLoader())
				&& SharedLettuceReader.supports(connectionFactory)) {
			return new SharedLettuceReader(connectionFactory);
		}
		return (key) -> {
			try (RedisConnection connection = connectionFactory.getConnection()) {
				return connection.stringCommands().get(key);
			}
		};
	}

}
