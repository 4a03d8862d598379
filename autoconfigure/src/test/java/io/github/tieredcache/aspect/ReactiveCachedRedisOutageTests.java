package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Redis is frozen or gone, {@code @Cached} methods returning {@code Mono} or
 * {@code Flux} still answer, from L1 or from the method, never with an error; each Redis
 * call is bounded by {@code tiered-cache.redis.timeout} and the circuit breaker.
 */
@RealRedis
@Tag("fault")
class ReactiveCachedRedisOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void whileRedisIsFrozenSubscribersGetCachedAndLoadedValues(@Dedicated RedisServer redis) {
		runner(redis).run((context) -> {
			Feed feed = context.getBean(Feed.class);
			assertThat(feed.price("cached").block(WAIT)).isEqualTo("cached#1");
			redis.pause();
			try {
				assertAnswersWithoutRedis(context, feed);
			}
			finally {
				redis.resume();
			}
		});
	}

	@Test
	void whileRedisIsDownSubscribersGetCachedAndLoadedValues(@Dedicated RedisServer redis) {
		runner(redis).run((context) -> {
			Feed feed = context.getBean(Feed.class);
			assertThat(feed.price("cached").block(WAIT)).isEqualTo("cached#1");
			redis.kill();
			assertAnswersWithoutRedis(context, feed);
		});
	}

	private static void assertAnswersWithoutRedis(AssertableApplicationContext context, Feed feed) {
		assertThat(feed.price("cached").block(WAIT)).isEqualTo("cached#1");
		assertThat(feed.price("new").block(WAIT)).isEqualTo("new#2");
		assertThat(feed.price("new").block(WAIT)).isEqualTo("new#2");
		assertThat(feed.history("new").collectList().block(WAIT)).containsExactly("new-0", "new-1");
		assertThat(feed.history("new").collectList().block(WAIT)).containsExactly("new-0", "new-1");
		assertThat(feed.calls()).hasValue(3);
		TieredCache prices = context.getBean(TieredCacheManager.class).getCache("prices");
		assertThat(prices.statistics().snapshot().l2Errors()).isPositive();
	}

	private static ApplicationContextRunner runner(RedisServer redis) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=reactive-outage-" + UUID.randomUUID(), "tiered-cache.redis.timeout=200ms")
			.withUserConfiguration(Beans.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Feed feed() {
			return new Feed();
		}

	}

	public static class Feed {

		private final AtomicInteger calls = new AtomicInteger();

		public AtomicInteger calls() {
			return this.calls;
		}

		@Cached(cache = "prices", key = "#symbol")
		public Mono<String> price(String symbol) {
			return Mono.fromSupplier(() -> symbol + "#" + this.calls.incrementAndGet());
		}

		@Cached(cache = "history", key = "#symbol")
		public Flux<String> history(String symbol) {
			return Flux.range(0, 2)
				.map((i) -> symbol + "-" + i)
				.doOnSubscribe((subscription) -> this.calls.incrementAndGet());
		}

	}

}
