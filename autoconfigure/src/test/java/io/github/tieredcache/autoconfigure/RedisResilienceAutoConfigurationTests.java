package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the Redis timeout, circuit breaker and start-up behaviour of
 * {@link TieredCacheAutoConfiguration}.
 */
class RedisResilienceAutoConfigurationTests {

	/**
	 * Nothing listens on port 1: the context must start anyway, since nothing talks to
	 * Redis at start-up.
	 */
	private final ApplicationContextRunner runner = runner("redis://127.0.0.1:1");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.redis.timeout                                             | 0s
			tiered-cache.redis.max-pending-invalidations                           | -1
			tiered-cache.redis.circuit-breaker.failure-rate-threshold              | 0
			tiered-cache.redis.circuit-breaker.slow-call-rate-threshold            | 101
			tiered-cache.redis.circuit-breaker.slow-call-duration-threshold        | 0ms
			tiered-cache.redis.circuit-breaker.wait-duration-in-open-state         | -1s
			tiered-cache.redis.circuit-breaker.sliding-window-size                 | 0
			tiered-cache.redis.circuit-breaker.minimum-number-of-calls             | 0
			tiered-cache.redis.circuit-breaker.permitted-calls-in-half-open-state  | 0
			""")
	void invalidValueStopsStartUpNamingThePropertyAndTheFix(String property, String value) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			InvalidTieredCachePropertyException ex = StartupFailures.cause(context.getStartupFailure(),
					InvalidTieredCachePropertyException.class);
			assertThat(ex.getProperty()).isEqualTo(property);
			assertThat(ex.getAction()).startsWith("Set " + property + " to");
		});
	}

	@Test
	void applicationStartsWithoutTalkingToRedis() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			L2Status status = context.getBean(RemoteTierGuard.class).status();
			assertThat(status.state()).isEqualTo(L2Status.State.UP);
			assertThat(status.failures()).isZero();
		});
	}

	@Test
	void cacheAnswersFromItsLoaderWhenRedisCannotBeReached() {
		this.runner.run((context) -> {
			TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
			for (int i = 0; i < 50; i++) {
				int n = i;
				assertThat(products.get(n, () -> "loaded " + n)).isEqualTo("loaded " + n);
			}
			assertThat(context.getBean(RemoteTierGuard.class).status().state()).isEqualTo(L2Status.State.DOWN);
		});
	}

	@Test
	void applicationsLettuceClientIsLeftAsConfiguredByDefault() {
		this.runner.run((context) -> assertThat(disconnectedBehavior(context.getBean(LettuceConnectionFactory.class)))
			.isEqualTo(ClientOptions.DEFAULT_DISCONNECTED_BEHAVIOR));
	}

	@Test
	void lettuceClientRejectsCommandsWhileDisconnectedWhenAskedTo() {
		this.runner.withPropertyValues("tiered-cache.redis.reject-commands-when-disconnected=true")
			.run((context) -> assertThat(disconnectedBehavior(context.getBean(LettuceConnectionFactory.class)))
				.isEqualTo(DisconnectedBehavior.REJECT_COMMANDS));
	}

	private static DisconnectedBehavior disconnectedBehavior(LettuceConnectionFactory factory) {
		return factory.getClientConfiguration()
			.getClientOptions()
			.map(ClientOptions::getDisconnectedBehavior)
			.orElse(ClientOptions.DEFAULT_DISCONNECTED_BEHAVIOR);
	}

	private static ApplicationContextRunner runner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, TieredCacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + url,
					"tiered-cache.key-prefix=resilience-" + UUID.randomUUID());
	}

	/**
	 * Scenarios with a Redis that is stopped or frozen.
	 */
	@Nested
	@RealRedis
	class WithRedis {

		@Test
		void applicationStartedWhileRedisWasDownUsesRedisOnceItIsUp(@Dedicated RedisServer redis) {
			redis.stop();
			runner(redis.url())
				.withPropertyValues("tiered-cache.key-prefix=late",
						"tiered-cache.redis.circuit-breaker.wait-duration-in-open-state=200ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
					assertThat(products.get("42", () -> "loaded")).isEqualTo("loaded");

					redis.restart();
					long restarted = System.nanoTime();
					await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
						products.put("after", "back");
						assertThat(redis.command("EXISTS", "late:products:after")).isEqualTo("1");
					});
					System.out.printf("Redis used again %d ms after it came up%n",
							Duration.ofNanos(System.nanoTime() - restarted).toMillis());
					assertThat(context.getBean(RemoteTierGuard.class).status().state()).isEqualTo(L2Status.State.UP);
				});
		}

		@Test
		void cacheCallsReturnWithinTheCacheTimeoutNotLettucesWhenRedisFreezes(@Dedicated RedisServer redis) {
			// spring.data.redis.timeout is not set: Lettuce's own timeout is 60 seconds
			runner(redis.url()).withPropertyValues("tiered-cache.redis.timeout=200ms").run((context) -> {
				TieredCache products = context.getBean(TieredCacheManager.class).getCache("products");
				products.put("warm", "connected");
				redis.pause();
				try {
					for (int i = 0; i < 5; i++) {
						long start = System.nanoTime();
						int n = i;
						assertThat(products.get("key-" + i, () -> "loaded " + n)).isEqualTo("loaded " + n);
						// At most four Redis round trips (read, re-read, lease, fill)
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
					}
				}
				finally {
					redis.resume();
				}
			});
		}

	}

}
