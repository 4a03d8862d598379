package io.github.tieredcache.benchmarks;

import io.github.tieredcache.test.redis.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis server the benchmarks run against: the one named by the
 * {@value #URL_VARIABLE} environment variable ({@code redis://host:port}) if set,
 * otherwise the test harness's own server (a container where Docker runs, else a
 * {@code redis-server} process on a free port that stops with the JVM).
 *
 * <p>
 * The benchmarks touch only keys that start with {@value #KEY_PREFIX}{@code :}, give the
 * bulk keys they write a TTL, and never flush the server. Still, point
 * {@value #URL_VARIABLE} only at a server you may load heavily: the clear benchmark
 * writes a million keys.
 */
final class BenchmarkRedis {

	/** Environment variable naming an existing server to use instead of the harness. */
	static final String URL_VARIABLE = "BENCH_REDIS_URL";

	/** First segment of every key the benchmarks write. */
	static final String KEY_PREFIX = "bench";

	private final RedisURI uri;

	private BenchmarkRedis(RedisURI uri) {
		this.uri = uri;
	}

	/**
	 * Returns the server to use, starting the harness's server if no URL is given.
	 * @return the server
	 */
	static BenchmarkRedis locate() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return new BenchmarkRedis(RedisURI.create(url.strip()));
		}
		return new BenchmarkRedis(RedisURI.create(RedisServers.shared().url()));
	}

	/**
	 * Returns a started Spring Data Redis connection factory, as an application would
	 * have; the caller destroys it.
	 * @return the connection factory
	 */
	LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(this.uri));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Returns the server's address, for a Spring context that creates its own connection
	 * factory.
	 * @return the URL, {@code redis://host:port}
	 */
	String url() {
		// Not RedisURI.toURI(): it writes a credentials placeholder into the URL
		return "redis://" + this.uri.getHost() + ":" + this.uri.getPort();
	}

	/**
	 * Returns a plain Lettuce client with its own event loop; the caller shuts it down.
	 * @return the client
	 */
	RedisClient client() {
		return RedisClient.create(this.uri);
	}

	@Override
	public String toString() {
		return url();
	}

}
