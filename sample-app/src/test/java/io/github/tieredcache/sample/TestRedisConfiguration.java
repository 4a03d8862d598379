package io.github.tieredcache.sample;

import java.util.UUID;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real Redis for the sample's tests: a Testcontainers container connected through
 * {@code @ServiceConnection} where a Docker engine runs, otherwise the test harness's
 * shared server (a {@code redis-server} process it starts, or
 * {@code TIERED_CACHE_TEST_REDIS_URL}). Put {@link RealRedis @RealRedis} on the test
 * class too, so that a machine with neither is reported (skipped with the fix, or failed
 * when {@code CI=true}) before the context starts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRedisConfiguration {

	@Bean
	@ServiceConnection(name = "redis")
	@Conditional(DockerEngineRuns.class)
	GenericContainer<?> redisContainer() {
		return new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
	}

	@Bean
	@Conditional(NoDockerEngine.class)
	DynamicPropertyRegistrar localRedisServer() {
		RedisServer redis = RedisServers.shared();
		return (registry) -> registry.add("spring.data.redis.url", redis::url);
	}

	@Bean
	DynamicPropertyRegistrar testRedisSettings() {
		// the harness's server is shared by every test class of the build
		String prefix = "exploit-intel-test-" + UUID.randomUUID();
		return (registry) -> {
			registry.add("tiered-cache.key-prefix", () -> prefix);
			// a busy build machine can take longer than the sample's production-like
			// timeouts, and a timed-out write would fail an assertion on Redis's content
			registry.add("spring.data.redis.timeout", () -> "5s");
			registry.add("spring.data.redis.connect-timeout", () -> "10s");
		};
	}

	static final class DockerEngineRuns implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return dockerEngineRuns();
		}

	}

	static final class NoDockerEngine implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !dockerEngineRuns();
		}

	}

	private static boolean dockerEngineRuns() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
