package io.github.tieredcache.test.redis;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisProcessServer}.
 */
class RedisProcessServerTests extends ControllableRedisServerContract {

	@Override
	RedisServer startServer() {
		return RedisProcessServer.start(InstalledRedis.binary());
	}

	@Test
	void listensOnLoopbackOnly() {
		assertThat(server().host()).isEqualTo("127.0.0.1");
		assertThat(server().command("CONFIG", "GET", "bind")).isEqualTo("[bind, 127.0.0.1]");
	}

	@Test
	void stopLetsRedisShutDownGracefully() throws Exception {
		RedisProcessServer server = (RedisProcessServer) server();
		server.stop();
		assertThat(Files.readString(server.logFile())).contains("ready to exit");
	}

	@Test
	void killGivesRedisNoChanceToShutDown() throws Exception {
		RedisProcessServer server = (RedisProcessServer) server();
		server.kill();
		assertThat(Files.readString(server.logFile())).doesNotContain("ready to exit");
	}

	@Test
	void closeDeletesTheServerFiles() {
		RedisProcessServer server = (RedisProcessServer) server();
		server.close();
		assertThat(server.logFile()).doesNotExist();
	}

	@Test
	void describesItselfWithPidAndAddress() {
		assertThat(server().toString()).startsWith("redis-server process (pid ")
			.endsWith("on 127.0.0.1:" + server().port());
	}

}
