package io.github.tieredcache.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.tieredcache.actuate.health.RedisHealthIndicator;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code redis} health indicator that replaces Spring Boot's when the caches use
 * Redis: an unreachable Redis does not take the application's health down by default, and
 * every explicit setting of the application wins.
 */
class RedisHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class,
				TieredCacheHealthContributorAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class,
				DataRedisReactiveHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.products.ttl=10m");

	@Test
	void unreachableRedisIsDegradedAndTheApplicationStaysUp() throws IOException {
		this.runner.withPropertyValues(unreachableRedis()).run((context) -> {
			assertThat(context).doesNotHaveBean(DataRedisHealthIndicator.class)
				.doesNotHaveBean(DataRedisReactiveHealthIndicator.class)
				.getBean("redisHealthIndicator")
				.isInstanceOf(RedisHealthIndicator.class);
			CompositeHealthDescriptor health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getComponents().get("redis").getStatus()).isEqualTo(RedisHealthIndicator.DEGRADED);
		});
	}

	@Test
	@RealRedis
	void reachableRedisIsUp(RedisServer redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url())
			.run((context) -> assertThat(health(context).getComponents().get("redis").getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void unreachableRedisTakesTheApplicationDownWhenConfiguredTo() throws IOException {
		this.runner.withPropertyValues(unreachableRedis(), "tiered-cache.health.fail-on-redis-down=true")
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void statusOrderThatListsDegradedMakesTheApplicationDegraded() throws IOException {
		this.runner
			.withPropertyValues(unreachableRedis(),
					"management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN")
			.run((context) -> assertThat(health(context).getStatus()).isEqualTo(RedisHealthIndicator.DEGRADED));
	}

	@Test
	void applicationsOwnRedisHealthIndicatorWins() throws IOException {
		HealthIndicator own = () -> Health.down().build();
		this.runner.withPropertyValues(unreachableRedis())
			.withBean("redisHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void applicationsOwnRedisHealthContributorWins() throws IOException {
		HealthIndicator own = () -> Health.down().build();
		this.runner.withPropertyValues(unreachableRedis())
			.withBean("redisHealthContributor", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void switchedOffRedisHealthLeavesNoRedisIndicatorAtAll() throws IOException {
		this.runner.withPropertyValues(unreachableRedis(), "management.health.redis.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RedisHealthIndicator.class)
				.doesNotHaveBean(DataRedisHealthIndicator.class)
				.doesNotHaveBean(DataRedisReactiveHealthIndicator.class);
			assertThat(health(context).getComponents()).doesNotContainKey("redis").containsKey("tieredCache");
		});
	}

	@Test
	void switchedOffTieredCacheHealthKeepsTheRedisIndicator() throws IOException {
		this.runner.withPropertyValues(unreachableRedis(), "management.health.tieredcache.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisHealthIndicator.class);
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			});
	}

	private static CompositeHealthDescriptor health(AssertableApplicationContext context) {
		HealthDescriptor health = context.getBean(HealthEndpoint.class).health();
		assertThat(health).isInstanceOf(CompositeHealthDescriptor.class);
		return (CompositeHealthDescriptor) health;
	}

	private static String unreachableRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "spring.data.redis.url=redis://127.0.0.1:" + socket.getLocalPort();
		}
	}

}
