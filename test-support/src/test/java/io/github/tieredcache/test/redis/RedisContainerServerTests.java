package io.github.tieredcache.test.redis;

import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Tests for {@link RedisContainerServer}; they need a Docker engine.
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine; the container server cannot be tested")
class RedisContainerServerTests extends ControllableRedisServerContract {

	static boolean dockerAvailable() {
		return DockerAvailability.check();
	}

	@Override
	RedisServer startServer() {
		return RedisContainerServer.start(HarnessEnvironment.system().image());
	}

}
