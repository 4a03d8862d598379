package io.github.tieredcache.aspect;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @Cached} on methods returning {@code Mono} and {@code Flux} with two
 * instances (two cache managers) on one real Redis: values shared through Redis with the
 * method's TTL, the fill lease released whatever becomes of the load, and no stale fill.
 */
@RealRedis
class ReactiveCachedRedisTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private ApplicationContextRunner runner;

	private String prefix;

	private RedisServer redis;

	@BeforeEach
	void prepare(RedisServer redis) {
		this.redis = redis;
		this.prefix = "reactive-" + UUID.randomUUID();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "tiered-cache.key-prefix=" + this.prefix)
			.withUserConfiguration(Beans.class);
	}

	@Test
	void aValueOneInstanceLoadedIsReadFromRedisByTheOtherAndLivesThereForTheMethodsTtl() {
		this.runner.run((a) -> this.runner.run((b) -> {
			assertThat(rates(a, "a").rate("ACME").block(WAIT)).isEqualTo("a#1");
			assertThat(rates(b, "b").rate("ACME").block(WAIT)).isEqualTo("a#1");
			assertThat(rates(b, "b").state().calls).hasValue(0);
			long ttl = Long.parseLong(this.redis.command("PTTL", this.prefix + ":rates:ACME"));
			assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(90).toMillis());
		}));
	}

	@Test
	void aFluxIsStoredInRedisAsAListAndReplayedByTheOtherInstance() {
		this.runner.run((a) -> this.runner.run((b) -> {
			assertThat(rates(a, "a").history("ACME").collectList().block(WAIT)).containsExactly("a-0", "a-1", "a-2");
			assertThat(rates(b, "b").history("ACME").collectList().block(WAIT)).containsExactly("a-0", "a-1", "a-2");
			assertThat(rates(b, "b").state().calls).hasValue(0);
			assertThat(this.redis.command("EXISTS", this.prefix + ":history:ACME")).isEqualTo("1");
		}));
	}

	@Test
	void aWriteOnAnotherInstanceWhileTheMonoLoadsWinsOverTheLoadedValue() {
		this.runner.run((a) -> this.runner.run((b) -> {
			Rates ratesOfA = rates(a, "a");
			Sinks.One<String> slow = Sinks.one();
			ratesOfA.state().next = slow.asMono();
			CompletableFuture<String> loading = ratesOfA.rate("ACME").toFuture();
			await().atMost(WAIT).until(() -> ratesOfA.state().subscriptions.get() == 1);
			cache(b, "rates").put("ACME", "newer");
			slow.tryEmitValue("older");
			assertThat(loading).succeedsWithin(WAIT).isEqualTo("older");
			assertThat(cache(a, "rates").statistics().snapshot().staleFillsPrevented()).isOne();
			assertThat(ratesOfA.rate("ACME").block(WAIT)).isEqualTo("newer");
		}));
	}

	@Test
	void aLoadCancelledByItsOnlySubscriberReleasesItsLeaseAndTheOtherInstanceFillsRedis() {
		this.runner.run((a) -> this.runner.run((b) -> {
			Rates ratesOfA = rates(a, "a");
			ratesOfA.state().next = Mono.never();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> ratesOfA.rate("ACME").timeout(Duration.ofMillis(200)).block(WAIT))
				.withCauseInstanceOf(TimeoutException.class);
			await().atMost(WAIT).until(() -> "0".equals(this.redis.command("EXISTS", this.prefix + ":rates:ACME")));
			assertThat(ratesOfA.state().cancels).hasValue(1);
			assertThat(rates(b, "b").rate("ACME").block(WAIT)).isEqualTo("b#1");
			assertThat(ratesOfA.rate("ACME").block(WAIT)).isEqualTo("b#1");
			assertThat(ratesOfA.state().calls).hasValue(0);
		}));
	}

	@Test
	void aMonoThatFailsAfterADelayReleasesItsLeaseAndCachesNothing() {
		this.runner.run((a) -> this.runner.run((b) -> {
			Rates ratesOfA = rates(a, "a");
			IOException failure = new IOException("feed down");
			ratesOfA.state().next = Mono.<String>error(failure).delaySubscription(Duration.ofMillis(100));
			assertThat(ratesOfA.rate("ACME").toFuture()).failsWithin(WAIT)
				.withThrowableThat()
				.havingCause()
				.isSameAs(failure);
			// The lease is released in the background, after the caller has its failure
			await().atMost(WAIT).until(() -> "0".equals(this.redis.command("EXISTS", this.prefix + ":rates:ACME")));
			assertThat(rates(b, "b").rate("ACME").block(WAIT)).isEqualTo("b#1");
			assertThat(this.redis.command("EXISTS", this.prefix + ":rates:ACME")).isEqualTo("1");
		}));
	}

	private static Rates rates(AssertableApplicationContext context, String instance) {
		Rates rates = context.getBean(Rates.class);
		rates.state().instance = instance;
		return rates;
	}

	private static TieredCache cache(AssertableApplicationContext context, String name) {
		return context.getBean(TieredCacheManager.class).getCache(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Rates rates() {
			return new Rates();
		}

	}

	public static class Rates {

		private final State state = new State();

		public State state() {
			return this.state;
		}

		@Cached(cache = "rates", key = "#symbol", ttl = "90s")
		public Mono<String> rate(String symbol) {
			Mono<String> next = this.state.next;
			this.state.next = null;
			Mono<String> rate = (next != null) ? next
					: Mono.fromSupplier(() -> this.state.instance + "#" + this.state.calls.incrementAndGet());
			return rate.doOnSubscribe((subscription) -> this.state.subscriptions.incrementAndGet())
				.doOnCancel(this.state.cancels::incrementAndGet);
		}

		@Cached(cache = "history", key = "#symbol")
		public Flux<String> history(String symbol) {
			return Flux.range(0, 3).map((i) -> this.state.instance + "-" + i).doOnSubscribe((subscription) -> {
				this.state.calls.incrementAndGet();
			});
		}

	}

	/**
	 * What the test controls and observes, outside the proxy.
	 */
	static class State {

		volatile String instance = "?";

		volatile @Nullable Mono<String> next;

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger subscriptions = new AtomicInteger();

		final AtomicInteger cancels = new AtomicInteger();

	}

}
