package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.sample.redis.LocalRedisSetup.Choice;
import io.github.tieredcache.sample.redis.LocalRedisSetup.RedisProbe;
import io.github.tieredcache.sample.redis.LocalRedisSetup.RedisSource;
import io.github.tieredcache.sample.redis.LocalRedisSetup.RedisStarter;
import io.github.tieredcache.sample.redis.LocalRedisSetup.StartedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link LocalRedisSetup} picks the sample's Redis before the context starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalRedisSetupTests {

	private static final RedisProbe PING = (host, port) -> RedisPing.answers(host, port,
			java.time.Duration.ofMillis(300));

	private final AtomicInteger starts = new AtomicInteger();

	private final RedisStarter starter = () -> {
		this.starts.incrementAndGet();
		return new StartedRedis(6391, () -> {
		});
	};

	@Test
	void aFreeConfiguredPortWithoutDockerStartsAnEmbeddedRedisAndPointsTheApplicationAtIt() throws IOException {
		MockEnvironment environment = environmentWithRedisPort(freePort());
		Choice choice = new LocalRedisSetup(PING, () -> false, true, this.starter).apply(environment);
		assertThat(choice.source()).isEqualTo(RedisSource.EMBEDDED);
		assertThat(choice.started()).isNotNull();
		assertThat(this.starts).hasValue(1);
		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6391");
		assertThat(environment.getProperty("spring.docker.compose.enabled")).isEqualTo("false");
	}

	@Test
	void aConfiguredRedisThatAnswersIsUsedAndDockerComposeIsSwitchedOff() {
		MockEnvironment environment = environmentWithRedisPort(6390);
		Choice choice = new LocalRedisSetup((host, port) -> port == 6390, () -> true, true, this.starter)
			.apply(environment);
		assertThat(choice.source()).isEqualTo(RedisSource.CONFIGURED);
		assertThat(this.starts).hasValue(0);
		assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6390");
		assertThat(environment.getProperty("spring.docker.compose.enabled")).isEqualTo("false");
	}

	@Test
	void aRunningDockerEngineIsLeftToStartRedisFromComposeYaml() {
		MockEnvironment environment = environmentWithRedisPort(6390);
		Choice choice = new LocalRedisSetup((host, port) -> false, () -> true, true, this.starter).apply(environment);
		assertThat(choice.source()).isEqualTo(RedisSource.DOCKER_COMPOSE);
		assertThat(this.starts).hasValue(0);
		assertThat(environment.getProperty("spring.docker.compose.enabled")).isNull();
	}

	@Test
	void dockerIsNotAskedWhenDockerComposeSupportIsAbsentOrSwitchedOff() {
		MockEnvironment absent = environmentWithRedisPort(6390);
		Choice choice = new LocalRedisSetup((host, port) -> false, () -> true, false, this.starter).apply(absent);
		assertThat(choice.source()).isEqualTo(RedisSource.EMBEDDED);
		assertThat(absent.getProperty("spring.docker.compose.enabled")).isNull();
		MockEnvironment switchedOff = environmentWithRedisPort(6390).withProperty("spring.docker.compose.enabled",
				"false");
		assertThat(
				new LocalRedisSetup((host, port) -> false, () -> true, true, this.starter).apply(switchedOff).source())
			.isEqualTo(RedisSource.EMBEDDED);
	}

	@Test
	void withoutAnyRedisTheApplicationRunsOnL1WithOneWarning(CapturedOutput output) {
		MockEnvironment environment = environmentWithRedisPort(6390).withProperty("spring.autoconfigure.exclude",
				"com.example.OtherAutoConfiguration");
		Choice choice = new LocalRedisSetup((host, port) -> false, () -> false, true, () -> {
			throw new IOException("no redis-server binary for this platform");
		}).apply(environment);
		assertThat(choice.source()).isEqualTo(RedisSource.NONE);
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
			.startsWith("com.example.OtherAutoConfiguration,")
			.contains(LocalRedisSetup.REDIS_AUTO_CONFIGURATIONS);
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("No Redis: nothing answers at localhost:6390", "no redis-server binary for this platform",
					"in-memory (L1) caches only");
	}

	@Test
	void anApplicationWithARedisUrlOrTheSetupSwitchedOffIsLeftAlone() {
		RedisStarter failOnStart = () -> {
			throw new AssertionError("must not start Redis");
		};
		MockEnvironment url = environmentWithRedisPort(6390).withProperty("spring.data.redis.url",
				"redis://redis.example.com:6379");
		assertThat(new LocalRedisSetup((host, port) -> false, () -> false, true, failOnStart).apply(url).source())
			.isEqualTo(RedisSource.CONFIGURED);
		MockEnvironment off = environmentWithRedisPort(6390).withProperty("sample.local-redis.enabled", "false");
		assertThat(new LocalRedisSetup((host, port) -> false, () -> false, true, failOnStart).apply(off).source())
			.isEqualTo(RedisSource.CONFIGURED);
		assertThat(url.getPropertySources().contains(LocalRedisSetup.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(off.getPropertySources().contains(LocalRedisSetup.PROPERTY_SOURCE_NAME)).isFalse();
	}

	private static MockEnvironment environmentWithRedisPort(int port) {
		return new MockEnvironment().withProperty("spring.data.redis.host", "localhost")
			.withProperty("spring.data.redis.port", String.valueOf(port));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
