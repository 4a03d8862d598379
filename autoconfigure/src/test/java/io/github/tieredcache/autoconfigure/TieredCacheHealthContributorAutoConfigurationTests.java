package io.github.tieredcache.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.health.TieredCacheHealthIndicator;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TieredCacheHealthContributorAutoConfiguration} and the health it
 * reports.
 */
class TieredCacheHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class,
				TieredCacheHealthContributorAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.products.ttl=10m", "tiered-cache.health.ping-timeout=2s");

	@Test
	void inProcessCachesAreUpWithL2NotConfigured() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheHealthContributorAutoConfiguration.class))
			.withPropertyValues("tiered-cache.caches.products.ttl=10m")
			.run((context) -> {
				Health health = health(context.getBean(TieredCacheHealthIndicator.class));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(detail(health, "l1")).containsEntry("caches", 1L);
				assertThat(detail(health, "l2")).containsEntry("configured", false);
				assertThat(context).doesNotHaveBean(RemoteTierProbe.class);
			});
	}

	@Test
	@RealRedis
	void reachableRedisIsUpWithItsLatency(RedisServer redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url()).run((context) -> {
			Health health = health(context.getBean(TieredCacheHealthIndicator.class));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(detail(health, "l2")).containsEntry("status", "UP")
				.containsEntry("caches", 1L)
				.containsKey("latencyMillis");
		});
	}

	@Test
	@RealRedis
	void theInvalidationBusShowsItsSubscription(RedisServer redis) {
		this.runner.withConfiguration(AutoConfigurations.of(InvalidationBusAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url())
			.run((context) -> {
				TieredCacheHealthIndicator indicator = context.getBean(TieredCacheHealthIndicator.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(detail(health(indicator), "sync")).containsEntry("status", "UP")
						.containsEntry("subscription", "subscribed")
						.containsKey("lossesDetected"));
			});
	}

	@Test
	void withoutTheBusSyncIsReportedAsNotEnabled() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(detail(health(context.getBean(TieredCacheHealthIndicator.class)), "sync"))
				.containsEntry("enabled", false));
	}

	@Test
	void unreachableRedisShowsInTheDetailsWithoutTakingHealthDown() throws IOException {
		this.runner.withPropertyValues("spring.data.redis.url=redis://user:secret@127.0.0.1:" + closedPort())
			.run((context) -> {
				Health health = health(context.getBean(TieredCacheHealthIndicator.class));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(detail(health, "l2")).containsEntry("status", "DOWN").containsKey("error");
				assertThat(health.toString()).doesNotContain("secret");
			});
	}

	@Test
	void unreachableRedisTakesHealthDownWhenConfiguredTo() throws IOException {
		this.runner
			.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + closedPort(),
					"tiered-cache.health.fail-on-redis-down=true")
			.run((context) -> assertThat(health(context.getBean(TieredCacheHealthIndicator.class)).getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.tieredcache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TieredCacheHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TieredCacheHealthIndicator.class));
	}

	@Test
	void backsOffToTheApplicationsOwnContributorOfThatName() {
		HealthIndicator own = () -> Health.up().build();
		this.runner.withBean("tieredCacheHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(TieredCacheHealthIndicator.class)
				.getBean("tieredCacheHealthIndicator")
				.isSameAs(own));
	}

	@Test
	void remoteTierProbeBacksOffToTheApplicationsOwn() {
		RemoteTierProbe own = new RemoteTierProbe() {

			@Override
			public io.github.tieredcache.actuate.RemoteTierStatus ping() {
				return io.github.tieredcache.actuate.RemoteTierStatus.reachable(java.time.Duration.ZERO);
			}

			@Override
			public io.github.tieredcache.actuate.RemoteTierStatus inspect() {
				return ping();
			}

		};
		this.runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:6390")
			.withBean(RemoteTierProbe.class, () -> own)
			.run((context) -> assertThat(context).getBean(RemoteTierProbe.class).isSameAs(own));
	}

	private static Health health(HealthIndicator indicator) {
		return indicator.health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Health health, String name) {
		return (Map<String, Object>) health.getDetails().get(name);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
