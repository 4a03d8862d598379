package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.TieredCacheStats;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own {@code @Cacheable} on methods returning {@code Mono} and
 * {@code CompletableFuture}, with the tiered cache manager, two instances and one real
 * Redis. Spring asks such caches with {@code retrieve}, which answers from Lettuce's
 * threads without blocking; on a miss Spring then runs the method and {@code put}s its
 * value, a blocking write. That write must not run on Lettuce's I/O thread, where it
 * would wait for a reply only that thread can read: the value would miss Redis and every
 * other command of the application would stall until the timeout.
 */
@RealRedis
class SpringReactiveCacheableTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private ApplicationContextRunner runner;

	@BeforeEach
	void prepare(RedisServer redis) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, CacheAutoConfiguration.class,
					TieredCacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(),
					"tiered-cache.key-prefix=spring-reactive-" + UUID.randomUUID(),
					// Short enough that a write stuck on the I/O thread would fail
					"tiered-cache.redis.timeout=500ms")
			.withUserConfiguration(Beans.class);
	}

	@Test
	void aMonoMissIsWrittenToRedisAndTheOtherInstanceReadsIt() {
		this.runner.run((a) -> this.runner.run((b) -> {
			Quotes quotesA = a.getBean(Quotes.class);
			Quotes quotesB = b.getBean(Quotes.class);
			for (int i = 0; i < 20; i++) {
				assertThat(quotesA.quote("S" + i).block(WAIT)).isEqualTo("S" + i + "#" + (i + 1));
			}
			for (int i = 0; i < 20; i++) {
				assertThat(quotesB.quote("S" + i).block(WAIT)).isEqualTo("S" + i + "#" + (i + 1));
			}
			assertThat(quotesB.calls()).hasValue(0);
			assertThat(stats(a).l2Errors()).isZero();
			assertThat(stats(b).l2Hits()).isEqualTo(20);
		}));
	}

	@Test
	void aCompletableFutureMissIsWrittenToRedisAndTheOtherInstanceReadsIt() {
		this.runner.run((a) -> this.runner.run((b) -> {
			Quotes quotesA = a.getBean(Quotes.class);
			Quotes quotesB = b.getBean(Quotes.class);
			for (int i = 0; i < 20; i++) {
				assertThat(quotesA.future("F" + i).get()).isEqualTo("F" + i + "#" + (i + 1));
			}
			for (int i = 0; i < 20; i++) {
				assertThat(quotesB.future("F" + i).get()).isEqualTo("F" + i + "#" + (i + 1));
			}
			assertThat(quotesB.calls()).hasValue(0);
			assertThat(stats(a).l2Errors()).isZero();
		}));
	}

	private static TieredCacheStats stats(AssertableApplicationContext context) {
		TieredCache quotes = context.getBean(TieredCacheManager.class).getCache("quotes");
		return quotes.statistics().snapshot();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class Beans {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

	public static class Quotes {

		private final AtomicInteger calls = new AtomicInteger();

		AtomicInteger calls() {
			return this.calls;
		}

		@Cacheable("quotes")
		public Mono<String> quote(String symbol) {
			// Emits at once, on whatever thread subscribes, as many methods do
			return Mono.fromSupplier(() -> symbol + "#" + this.calls.incrementAndGet());
		}

		@Cacheable("quotes")
		public CompletableFuture<String> future(String symbol) {
			return CompletableFuture.completedFuture(symbol + "#" + this.calls.incrementAndGet());
		}

	}

}
