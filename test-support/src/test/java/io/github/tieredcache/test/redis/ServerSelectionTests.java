package io.github.tieredcache.test.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ServerSelection}, with Docker always reported absent.
 */
@RealRedis
class ServerSelectionTests {

	private static final BooleanSupplier NO_DOCKER = () -> false;

	private static final Supplier<Optional<RedisBinary>> NO_BINARY = Optional::empty;

	private final Map<String, String> environment = new HashMap<>();

	@Test
	void sharedServerComesFromTheUrlInTheEnvironmentWithoutProbingForDocker(@Dedicated RedisServer redis) {
		this.environment.put("TIERED_CACHE_TEST_REDIS_URL", redis.url());
		ServerSelection selection = selection(() -> {
			throw new AssertionError("Docker was probed although the URL was set");
		}, NO_BINARY);
		RedisServer shared = selection.shared();
		assertThat(shared).isInstanceOf(ExternalRedisServer.class);
		assertThat(shared.port()).isEqualTo(redis.port());
		assertThat(shared.controllable()).isFalse();
	}

	@Test
	void dedicatedServersNeverComeFromTheUrlInTheEnvironment(@Dedicated RedisServer redis) {
		this.environment.put("TIERED_CACHE_TEST_REDIS_URL", redis.url());
		try (RedisServer dedicated = selection(NO_DOCKER, localBinary()).dedicated()) {
			assertThat(dedicated).isInstanceOf(RedisProcessServer.class);
			assertThat(dedicated.port()).isNotEqualTo(redis.port());
			assertThat(dedicated.controllable()).isTrue();
		}
	}

	@Test
	void withoutDockerServersAreLocalProcesses() {
		ServerSelection selection = selection(NO_DOCKER, localBinary());
		try (RedisServer dedicated = selection.dedicated()) {
			assertThat(dedicated).isInstanceOf(RedisProcessServer.class);
		}
		RedisServer shared = selection.shared();
		try {
			assertThat(shared).isInstanceOf(SharedRedisServer.class);
			assertThat(((SharedRedisServer) shared).target()).isInstanceOf(RedisProcessServer.class);
			assertThat(shared.controllable()).isFalse();
		}
		finally {
			((SharedRedisServer) shared).target().close();
		}
	}

	@Test
	void withNothingAvailableTheTestIsAbortedWithTheFixOutsideCi() {
		ServerSelection selection = selection(NO_DOCKER, NO_BINARY);
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(selection::shared)
			.withMessageContaining("install redis-server")
			.withMessageContaining("start a Docker engine")
			.withMessageContaining("TIERED_CACHE_TEST_REDIS_URL=redis://host:port")
			.withMessageContaining("with CI=true this is a failure");
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(selection::dedicated);
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> selection.requireAvailable(false));
	}

	@Test
	void withNothingAvailableInCiTheTestFails() {
		this.environment.put("CI", "TRUE");
		ServerSelection selection = selection(NO_DOCKER, NO_BINARY);
		assertThatIllegalStateException().isThrownBy(selection::shared)
			.withMessageContaining("install redis-server")
			.withMessageContaining("CI=true");
		assertThatIllegalStateException().isThrownBy(() -> selection.requireAvailable(true));
	}

	@Test
	void aUrlMakesTheSharedServerAvailableButNotADedicatedOne() {
		this.environment.put("TIERED_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:1");
		ServerSelection selection = selection(NO_DOCKER, NO_BINARY);
		assertThatNoException().isThrownBy(() -> selection.requireAvailable(false));
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> selection.requireAvailable(true))
			.withMessageContaining("not used for dedicated servers");
	}

	@Test
	void describesTheChoiceWithoutStartingAnything() {
		assertThat(selection(NO_DOCKER, localBinary()).describe()).startsWith("redis-server process from ");
		assertThat(selection(() -> true, NO_BINARY).describe()).isEqualTo("Testcontainers with image redis:7-alpine");
		this.environment.put("TIERED_CACHE_TEST_REDIS_IMAGE", "redis:7.4");
		assertThat(selection(() -> true, NO_BINARY).describe()).isEqualTo("Testcontainers with image redis:7.4");
		assertThat(selection(NO_DOCKER, NO_BINARY).describe()).startsWith("none: ");
		this.environment.put("TIERED_CACHE_TEST_REDIS_URL", "redis://:s3cret@127.0.0.1:1");
		assertThat(selection(NO_DOCKER, NO_BINARY).describe())
			.isEqualTo("existing server from TIERED_CACHE_TEST_REDIS_URL");
	}

	@Test
	void aMisconfiguredBinaryFailsWithTheFix() {
		this.environment.put("TIERED_CACHE_REDIS_SERVER", "/nonexistent/redis-server");
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisBinary.locate(new HarnessEnvironment(this.environment::get)))
			.withMessageContaining("TIERED_CACHE_REDIS_SERVER=/nonexistent/redis-server is not an executable file")
			.withMessageContaining("unset it");
	}

	private ServerSelection selection(BooleanSupplier docker, Supplier<Optional<RedisBinary>> binary) {
		return new ServerSelection(new HarnessEnvironment(this.environment::get), docker, binary);
	}

	private static Supplier<Optional<RedisBinary>> localBinary() {
		Optional<RedisBinary> binary = Optional.of(InstalledRedis.binary());
		return () -> binary;
	}

}
