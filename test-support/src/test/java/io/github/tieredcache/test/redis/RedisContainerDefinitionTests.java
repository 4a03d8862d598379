package io.github.tieredcache.test.redis;

import java.lang.reflect.Proxy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the container that {@link RedisContainerServer} defines; they need no Docker
 * engine because nothing is started.
 */
class RedisContainerDefinitionTests {

	@Test
	void runsRedisWithoutPersistenceAndWithDebugEnabled() {
		GenericContainer<?> container = RedisContainerServer.create("redis:7-alpine", 45678);
		assertThat(container.getCommandParts()).containsExactly("redis-server", "--save", "", "--appendonly", "no",
				"--protected-mode", "no", "--enable-debug-command", "yes");
		assertThat(container.getExposedPorts()).containsExactly(6379);
	}

	@Test
	void bindsRedisToAFixedHostPortSoThatItSurvivesRestarts() {
		GenericContainer<?> container = RedisContainerServer.create("redis:7-alpine", 45678);
		HostConfig hostConfig = HostConfig.newHostConfig();
		CreateContainerCmd command = createCommandWith(hostConfig);
		container.getCreateContainerCmdModifiers().forEach((modifier) -> modifier.modify(command));
		assertThat(hostConfig.getPortBindings().getBindings()).containsOnlyKeys(ExposedPort.tcp(6379));
		assertThat(hostConfig.getPortBindings().getBindings().get(ExposedPort.tcp(6379)))
			.containsExactly(Ports.Binding.bindPort(45678));
	}

	private static CreateContainerCmd createCommandWith(HostConfig hostConfig) {
		return (CreateContainerCmd) Proxy.newProxyInstance(RedisContainerDefinitionTests.class.getClassLoader(),
				new Class<?>[] { CreateContainerCmd.class }, (proxy, method, args) -> {
					if (method.getName().equals("getHostConfig")) {
						return hostConfig;
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

}
