package io.github.tieredcache.benchmarks;

import io.github.tieredcache.cache.TieredCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What the Redis comparisons measure side by side, on one benchmark Redis: a raw Lettuce
 * connection of its own, Spring's {@code @Cacheable} on a {@code RedisCacheManager}, the
 * tiered cache's {@code @Cached} bean and one of its caches, and the very connection that
 * cache uses (the shared connection of its application's connection factory), for raw
 * commands. Fields, not accessors, so that the measured paths read them as cheaply as
 * they read their own.
 */
final class RedisComparisonSubjects implements AutoCloseable {

	final RedisCommands<byte[], byte[]> raw;

	final ConfigurableApplicationContext springContext;

	final CacheableProducts cacheable;

	final CachedProducts cached;

	final TieredCache tieredCache;

	final RedisCommands<byte[], byte[]> tieredConnection;

	private final RedisClient rawClient;

	private final StatefulRedisConnection<byte[], byte[]> rawConnection;

	private final ConfigurableApplicationContext tieredContext;

	private RedisComparisonSubjects(BenchmarkRedis redis, ProductSource source, String tieredCacheName) {
		this.rawClient = redis.client();
		this.rawConnection = this.rawClient.connect(ByteArrayCodec.INSTANCE);
		this.raw = this.rawConnection.sync();
		this.springContext = BenchmarkContexts.springRedis(redis, source);
		this.cacheable = this.springContext.getBean(CacheableProducts.class);
		this.tieredContext = BenchmarkContexts.tiered(redis, source);
		this.cached = this.tieredContext.getBean(CachedProducts.class);
		this.tieredCache = BenchmarkContexts.tieredCache(this.tieredContext, tieredCacheName);
		this.tieredConnection = sharedConnection(this.tieredContext.getBean(LettuceConnectionFactory.class));
	}

	/**
	 * The connection factory's shared native connection, which the tiered cache's
	 * commands use, with the synchronous API the raw baseline uses. Closing a connection
	 * of a factory that shares its native connection leaves that one open.
	 */
	@SuppressWarnings("unchecked")
	private static RedisCommands<byte[], byte[]> sharedConnection(LettuceConnectionFactory factory) {
		if (!factory.getShareNativeConnection()) {
			throw new IllegalStateException("The tiered context's connection factory must share its native connection");
		}
		try (RedisConnection connection = factory.getConnection()) {
			return ((RedisAsyncCommands<byte[], byte[]>) ((LettuceConnection) connection).getNativeConnection())
				.getStatefulConnection()
				.sync();
		}
	}

	/**
	 * Connects everything to the benchmark Redis.
	 * @param source the products the cached methods return
	 * @param tieredCacheName the tiered cache to measure directly
	 * @return the subjects
	 */
	static RedisComparisonSubjects open(ProductSource source, String tieredCacheName) {
		return new RedisComparisonSubjects(BenchmarkRedis.locate(), source, tieredCacheName);
	}

	@Override
	public void close() {
		this.tieredContext.close();
		this.springContext.close();
		this.rawConnection.close();
		this.rawClient.shutdown();
	}

}
