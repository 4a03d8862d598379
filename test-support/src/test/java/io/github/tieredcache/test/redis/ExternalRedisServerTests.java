package io.github.tieredcache.test.redis;

import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ExternalRedisServer}, pointed at dedicated servers that stand in for
 * someone else's Redis.
 */
@RealRedis
class ExternalRedisServerTests {

	@Test
	void refusesFaultControlBecauseTheHarnessDidNotStartIt(@Dedicated RedisServer redis) {
		ExternalRedisServer external = ExternalRedisServer.connect(redis.url(), false);
		assertThat(external.controllable()).isFalse();
		for (ThrowingCallable operation : new ThrowingCallable[] { external::stop, external::kill, external::pause,
				external::resume, external::restart }) {
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(operation)
				.withMessageContaining("harness-started server")
				.withMessageContaining("@Dedicated");
		}
		assertThat(redis.command("PING")).isEqualTo("PONG");
	}

	@Test
	void refusesFlushAllUnlessAllowed(@Dedicated RedisServer redis) {
		redis.command("SET", "precious", "data");
		ExternalRedisServer external = ExternalRedisServer.connect(redis.url(), false);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(external::flushAll)
			.withMessageContaining("TIERED_CACHE_TEST_REDIS_FLUSH=true");
		assertThat(redis.command("GET", "precious")).isEqualTo("data");
	}

	@Test
	void flushesAllWhenAllowed(@Dedicated RedisServer redis) {
		redis.command("SET", "disposable", "data");
		ExternalRedisServer.connect(redis.url(), true).flushAll();
		assertThat(redis.command("DBSIZE")).isEqualTo("0");
	}

	@Test
	void logsInAndSelectsTheDatabaseNamedByTheUrl(@Dedicated RedisServer redis) {
		redis.command("CONFIG", "SET", "requirepass", "s3cret");
		String url = "redis://:s3cret@" + redis.host() + ":" + redis.port() + "/3";
		ExternalRedisServer external = ExternalRedisServer.connect(url, false);
		external.command("SET", "greeting", "hello");
		assertThat(external.url()).isEqualTo(url);
		assertThat(external.command("CLIENT", "INFO")).contains("db=3");
		assertThat(external.command("DBSIZE")).isEqualTo("1");
	}

	@Test
	void hidesThePasswordInItsDescription(@Dedicated RedisServer redis) {
		redis.command("CONFIG", "SET", "requirepass", "s3cret");
		ExternalRedisServer external = ExternalRedisServer
			.connect("redis://:s3cret@" + redis.host() + ":" + redis.port(), false);
		assertThat(external.toString()).doesNotContain("s3cret").contains(":***@");
	}

	@Test
	void closeLeavesTheServerRunning(@Dedicated RedisServer redis) {
		ExternalRedisServer external = ExternalRedisServer.connect(redis.url(), false);
		external.close();
		assertThat(external.isRunning()).isTrue();
		assertThat(redis.command("PING")).isEqualTo("PONG");
	}

	@Test
	void failsWithTheFixWhenTheServerDoesNotAnswer() {
		String url = "redis://127.0.0.1:" + FreePorts.pick();
		assertThatIllegalStateException().isThrownBy(() -> ExternalRedisServer.connect(url, false))
			.withMessageContaining("TIERED_CACHE_TEST_REDIS_URL")
			.withMessageContaining("did not answer PING")
			.withMessageContaining("unset the variable");
	}

	@Test
	void failsWithTheFixWhenThePasswordIsWrong(@Dedicated RedisServer redis) {
		redis.command("CONFIG", "SET", "requirepass", "s3cret");
		String url = "redis://:wrong@" + redis.host() + ":" + redis.port();
		assertThatIllegalStateException().isThrownBy(() -> ExternalRedisServer.connect(url, false))
			.withMessageContaining("password")
			.withMessageNotContaining("wrong");
	}

	@Test
	void failsWithTheFixWhenTheUrlIsMalformed() {
		assertThatIllegalStateException().isThrownBy(() -> ExternalRedisServer.connect("localhost:6379", false))
			.withMessageContaining("TIERED_CACHE_TEST_REDIS_URL is set, but")
			.withMessageContaining("redis://");
	}

}
