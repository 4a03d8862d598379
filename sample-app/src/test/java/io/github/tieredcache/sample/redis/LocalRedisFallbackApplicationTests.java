package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.sample.SampleApplication;
import io.github.tieredcache.sample.database.DatabaseRoundTrips;
import io.github.tieredcache.sample.exploit.ExploitService;
import io.github.tieredcache.sample.redis.LocalRedisSetup.StartedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sample started as {@code SampleApplication.main} starts it, with nothing
 * answering on the configured Redis port and no Docker engine: it runs on an embedded
 * Redis, or, when even that cannot start, on L1 alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalRedisFallbackApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	@Test
	void runsOnAnEmbeddedRedisWhenTheConfiguredPortIsFreeAndStopsItOnShutdown() throws IOException {
		int freePort = freePort();
		int[] embeddedPort = new int[1];
		LocalRedisSetup setup = new LocalRedisSetup((host, port) -> RedisPing.answers(host, port, TIMEOUT), () -> false,
				true, () -> {
					EmbeddedRedis redis = EmbeddedRedis.start();
					embeddedPort[0] = redis.port();
					return new StartedRedis(redis.port(), redis::close);
				});
		try (ConfigurableApplicationContext context = run(setup, "--spring.data.redis.port=" + freePort)) {
			assertThat(embeddedPort[0]).isPositive().isNotEqualTo(freePort);
			assertThat(context.getEnvironment().getProperty("spring.data.redis.port"))
				.isEqualTo(String.valueOf(embeddedPort[0]));
			ExploitService exploits = context.getBean(ExploitService.class);
			long id = exploits.recent("eth").get(0).id();
			exploits.find(id);
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			assertThat(redis.hasKey("exploit-intel:exploit:" + id)).isTrue();
			assertThat(redis.hasKey("exploit-intel:exploits:eth")).isTrue();
		}
		assertThat(RedisPing.answers("127.0.0.1", embeddedPort[0], TIMEOUT)).isFalse();
	}

	@Test
	void runsOnL1AloneWhenNoRedisCanBeHad(CapturedOutput output) throws IOException {
		LocalRedisSetup setup = new LocalRedisSetup((host, port) -> false, () -> false, true, () -> {
			throw new IOException("no redis-server binary for this platform");
		});
		try (ConfigurableApplicationContext context = run(setup, "--spring.data.redis.port=" + freePort())) {
			assertThat(context.getBeanProvider(RedisConnectionFactory.class).getIfAvailable()).isNull();
			ExploitService exploits = context.getBean(ExploitService.class);
			DatabaseRoundTrips database = context.getBean(DatabaseRoundTrips.class);
			exploits.recent("eth");
			long before = database.count();
			exploits.recent("eth");
			assertThat(database.count()).isEqualTo(before);
			TieredCache cache = (TieredCache) context.getBean(CacheManager.class).getCache("exploits");
			assertThat(cache.statistics().snapshot().l1Hits()).isPositive();
		}
		// Micrometer's once-per-JVM warning that a cache.size gauge was bound twice comes
		// from
		// the starter's metrics binding, with or without Redis; any other warning counts
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains(" WARN ") && !line.contains("This Gauge has been already registered")))
			.singleElement()
			.asString()
			.contains("LocalRedisSetup", "in-memory (L1) caches only");
	}

	private static ConfigurableApplicationContext run(LocalRedisSetup setup, String... args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addListeners(setup);
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--spring.jmx.enabled=false";
		all[args.length + 2] = "--sample.database.latency=0";
		return application.run(all);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
