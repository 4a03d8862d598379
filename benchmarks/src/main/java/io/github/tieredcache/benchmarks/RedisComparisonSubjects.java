package io.github.tieredcache.benchmarks;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.tieredcache.cache.TieredCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

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

	final RedisClusterAsyncCommands<byte[], byte[]> tieredConnection;

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
		// Closing a connection of a factory that shares its native connection leaves that
		// one open
		try (RedisConnection connection = this.tieredContext.getBean(LettuceConnectionFactory.class).getConnection()) {
			this.tieredConnection = ((LettuceConnection) connection).getNativeConnection();
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

	/**
	 * Waits for the reply to a command sent on {@link #tieredConnection}.
	 * @param <T> the reply type
	 * @param reply the reply to come
	 * @return the reply
	 */
	static <T> @Nullable T await(Future<T> reply) {
		try {
			return reply.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.tieredContext.close();
		this.springContext.close();
		this.rawConnection.close();
		this.rawClient.shutdown();
	}

}
