package io.github.tieredcache.test.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisServers}.
 */
class RedisServersTests {

	@Test
	void sharedServerIsStartedOnceAndReused() {
		RedisServer first = RedisServers.shared();
		assertThat(RedisServers.shared()).isSameAs(first);
		assertThat(first.command("PING")).isEqualTo("PONG");
	}

	@Test
	void dedicatedServersAreFreshAndControllable() {
		try (RedisServer first = RedisServers.startDedicated(); RedisServer second = RedisServers.startDedicated()) {
			assertThat(first.port()).isNotEqualTo(second.port());
			assertThat(first.controllable()).isTrue();
			first.command("SET", "only", "here");
			assertThat(second.command("GET", "only")).isNull();
		}
	}

	@Test
	void describesTheSharedServerOnceStarted() {
		RedisServer shared = RedisServers.shared();
		assertThat(RedisServers.describe()).isEqualTo(shared.toString()).contains(String.valueOf(shared.port()));
	}

}
