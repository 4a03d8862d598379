package io.github.tieredcache.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A miss costs two round trips to Redis, as a plain cache-aside does: one that reads the
 * key and takes its fill lease, one that fills it. Counted by Redis itself
 * ({@code INFO commandstats}), on the current Redis and on Redis 6.2, which refuses
 * {@code SET NX GET} and gets the same through a script.
 */
@RealRedis
class MissRoundTripTests {

	private static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

	private @Nullable LettuceConnectionFactory connectionFactory;

	@AfterEach
	void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void aMissReadsAndLeasesInOneRoundTripAndFillsInAnother(RedisServer redis) {
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		TieredCache cache = cache(this.connectionFactory, "round-trips-" + System.nanoTime());
		// Redis learns the fill script on the first miss
		cache.get("p0", () -> "loaded");
		redis.command("CONFIG", "RESETSTAT");
		assertThat(cache.get("p1", () -> "loaded")).isEqualTo("loaded");
		Map<String, Long> calls = calls(redis.command("INFO", "commandstats"));
		assertTwoRoundTrips(calls);
		assertThat(cache.statistics().snapshot().l2Misses()).isEqualTo(2);
		assertThat(cache.remoteTier().get(cache.encodeKey("p1")).value()).isEqualTo("loaded");
	}

	@Test
	void aMissUnderSpringsCacheableIsTwoRoundTripsToo(RedisServer redis) {
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		TieredCache cache = cache(this.connectionFactory, "round-trips-" + System.nanoTime());
		cache.get("p0", () -> "loaded");
		redis.command("CONFIG", "RESETSTAT");
		try (FillScope scope = FillScope.open()) {
			assertThat(cache.get("p1")).isNull();
			cache.put("p1", "loaded");
			scope.succeeded();
		}
		Map<String, Long> calls = calls(redis.command("INFO", "commandstats"));
		assertTwoRoundTrips(calls);
		assertThat(cache.remoteTier().get(cache.encodeKey("p1")).value()).isEqualTo("loaded");
	}

	@Test
	void scriptsFlushedFromRedisAreSentAgainAndFillsStillHappen(RedisServer redis) {
		this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		TieredCache cache = cache(this.connectionFactory, "flushed-scripts-" + System.nanoTime());
		cache.get("p0", () -> "loaded");
		redis.command("SCRIPT", "FLUSH");
		assertThat(cache.get("p1", () -> "loaded")).isEqualTo("loaded");
		assertThat(cache.remoteTier().get(cache.encodeKey("p1")).value()).isEqualTo("loaded");
		assertThat(cache.statistics().snapshot().l2Errors()).isZero();
		assertThat(cache.statistics().snapshot().staleFillsPrevented()).isZero();
	}

	@Test
	void onRedis62AMissLeasesThroughAScriptAndNothingIsCountedAsAnError() throws IOException {
		int port = freePort();
		redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		try {
			this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
			this.connectionFactory.afterPropertiesSet();
			this.connectionFactory.start();
			String version = this.connectionFactory.getConnection()
				.serverCommands()
				.info("server")
				.getProperty("redis_version");
			assertThat(version).startsWith("6.2");
			TieredCache cache = cache(this.connectionFactory, "old-redis");
			AtomicInteger loads = new AtomicInteger();
			for (int i = 0; i < 3; i++) {
				assertThat(cache.get("p" + i, () -> "v" + loads.incrementAndGet())).isNotNull();
			}
			cache.localTier().clear();
			assertThat(cache.get("p0", () -> "reloaded")).isEqualTo("v1");
			TieredCacheStats stats = cache.statistics().snapshot();
			assertThat(loads).hasValue(3);
			assertThat(stats.l2Hits()).isEqualTo(1);
			assertThat(stats.l2Errors()).isZero();
			assertThat(stats.staleFillsPrevented()).isZero();
		}
		finally {
			this.connectionFactory.destroy();
			this.connectionFactory = null;
			server.stop();
		}
	}

	private static TieredCache cache(LettuceConnectionFactory connectionFactory, String prefix) {
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, prefix).build())
			.cache(CacheSpec.builder("products").build())
			.build()
			.getCache("products");
	}

	/**
	 * Redis counts the commands a script runs too: the fill script's {@code GET} and
	 * {@code SET} appear beside the client's own {@code SET NX GET} and script call. A
	 * separate read or lease would add a {@code GET} or a {@code SET}.
	 */
	private static void assertTwoRoundTrips(Map<String, Long> calls) {
		assertThat(calls.getOrDefault("evalsha", 0L)).as("script calls by digest").isEqualTo(1);
		assertThat(calls.getOrDefault("eval", 0L)).as("script calls with the text").isZero();
		assertThat(calls.getOrDefault("get", 0L)).as("GETs, the fill script's included").isEqualTo(1);
		assertThat(calls.getOrDefault("set", 0L)).as("SETs, the fill script's included").isEqualTo(2);
	}

	private static Map<String, Long> calls(@Nullable String info) {
		Map<String, Long> calls = new HashMap<>();
		Matcher matcher = CALLS.matcher(String.valueOf(info));
		while (matcher.find()) {
			calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		return calls;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
