package io.github.tieredcache.test.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisEndpoint}.
 */
class RedisEndpointTests {

	@Test
	void parsesHostAndPort() {
		assertThat(RedisEndpoint.parse("redis://127.0.0.1:6380")).isEqualTo(RedisEndpoint.of("127.0.0.1", 6380));
	}

	@Test
	void defaultsToPort6379() {
		assertThat(RedisEndpoint.parse("redis://cache.example.com").port()).isEqualTo(6379);
	}

	@Test
	void parsesPasswordAndDatabase() {
		assertThat(RedisEndpoint.parse("redis://:s3cret@localhost:6380/2"))
			.isEqualTo(new RedisEndpoint("localhost", 6380, null, "s3cret", 2));
	}

	@Test
	void parsesUsernameAndPassword() {
		assertThat(RedisEndpoint.parse("redis://alice:s3cret@localhost:6380"))
			.isEqualTo(new RedisEndpoint("localhost", 6380, "alice", "s3cret", 0));
	}

	@Test
	void takesUserInfoWithoutColonAsThePassword() {
		assertThat(RedisEndpoint.parse("redis://s3cret@localhost").password()).isEqualTo("s3cret");
	}

	@Test
	void decodesEscapedPasswords() {
		assertThat(RedisEndpoint.parse("redis://:p%40ss@localhost").password()).isEqualTo("p@ss");
	}

	@Test
	void acceptsIpv6Hosts() {
		RedisEndpoint endpoint = RedisEndpoint.parse("redis://[::1]:6380");
		assertThat(endpoint.host()).isEqualTo("::1");
		assertThat(endpoint.address()).isEqualTo("[::1]:6380");
		assertThat(endpoint.url()).isEqualTo("redis://[::1]:6380");
	}

	@Test
	void rendersAUrlThatParsesBackToTheSameEndpoint() {
		RedisEndpoint endpoint = new RedisEndpoint("localhost", 6380, "alice", "p@ss word", 3);
		assertThat(RedisEndpoint.parse(endpoint.url())).isEqualTo(endpoint);
	}

	@Test
	void rendersAPlainUrlWithoutCredentials() {
		assertThat(RedisEndpoint.of("127.0.0.1", 6380).url()).isEqualTo("redis://127.0.0.1:6380");
	}

	@Test
	void hidesThePasswordInToString() {
		assertThat(RedisEndpoint.parse("redis://alice:s3cret@localhost:6380/1"))
			.hasToString("redis://alice:***@localhost:6380/1");
	}

	@Test
	void rejectsTlsWithTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisEndpoint.parse("rediss://localhost:6380"))
			.withMessageContaining("use a plain redis:// URL");
	}

	@Test
	void rejectsOtherSchemesWithTheExpectedFormat() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisEndpoint.parse("http://localhost:6380"))
			.withMessageContaining("redis://[[username]:password@]host[:port][/database]");
	}

	@Test
	void rejectsAPathThatIsNotADatabaseIndex() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisEndpoint.parse("redis://localhost/cache"))
			.withMessageContaining("database index");
	}

	@Test
	void hidesThePasswordOfARejectedUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisEndpoint.parse("redis://:s3cret@localhost/x"))
			.withMessageNotContaining("s3cret");
	}

}
