package io.github.tieredcache.test.redis;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the shared server can be handed to a Spring test context the way the
 * project's Spring Boot tests do it.
 */
@SpringJUnitConfig(SpringDynamicPropertySourceTests.EmptyConfiguration.class)
@RealRedis
class SpringDynamicPropertySourceTests {

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
	}

	@Test
	void exposesTheSharedServerUrlToTheApplication(RedisServer redis) {
		assertThat(this.environment.getProperty("spring.data.redis.url")).isEqualTo(redis.url());
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
