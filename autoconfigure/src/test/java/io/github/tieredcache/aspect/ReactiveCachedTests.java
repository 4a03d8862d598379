package io.github.tieredcache.aspect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.invalidation.CacheInvalidator;
import kotlin.coroutines.Continuation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @Cached} on methods returning {@code Mono} and {@code Flux}, on the
 * in-process tier: what is cached, who loads, and what happens when the publisher errors,
 * never ends, is cancelled or is too long.
 */
class ReactiveCachedTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.strict.cache-null-values=false")
		.withUserConfiguration(Beans.class);

	@Test
	void aMonoIsCachedAndNothingRunsBeforeSomeoneSubscribes() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			Mono<String> quote = quotes.quote("ACME");
			assertThat(quotes.state().calls).hasValue(0);
			assertThat(quote.block(WAIT)).isEqualTo("ACME#1");
			assertThat(quote.block(WAIT)).isEqualTo("ACME#1");
			assertThat(quotes.quote("ACME").block(WAIT)).isEqualTo("ACME#1");
			assertThat(quotes.state().calls).hasValue(1);
			assertThat(cache(context, "quotes").get("ACME").get()).isEqualTo("ACME#1");
		});
	}

	@Test
	void everySubscriptionLooksTheCacheUpAfresh() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			Mono<String> quote = quotes.quote("ACME");
			assertThat(quote.block(WAIT)).isEqualTo("ACME#1");
			cache(context, "quotes").evict("ACME");
			assertThat(quote.block(WAIT)).isEqualTo("ACME#2");
		});
	}

	@Test
	void aFluxIsCachedAsTheListOfItsElementsAndReplayed() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.history("ACME", 3).collectList().block(WAIT)).containsExactly("ACME-0", "ACME-1",
					"ACME-2");
			assertThat(quotes.history("ACME", 3).collectList().block(WAIT)).containsExactly("ACME-0", "ACME-1",
					"ACME-2");
			assertThat(quotes.state().subscriptions).hasValue(1);
			assertThat(cache(context, "history").get("ACME").get()).isEqualTo(List.of("ACME-0", "ACME-1", "ACME-2"));
		});
	}

	@Test
	void concurrentSubscribersShareOneLoad() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CompletableFuture<String> first = quotes.pending("ACME").toFuture();
			CompletableFuture<String> second = quotes.pending("ACME").toFuture();
			assertThat(quotes.state().pendingCalls).hasValue(1);
			quotes.state().sink.tryEmitValue("price");
			assertThat(first).succeedsWithin(WAIT).isEqualTo("price");
			assertThat(second).succeedsWithin(WAIT).isEqualTo("price");
			assertThat(quotes.pending("ACME").block(WAIT)).isEqualTo("price");
			assertThat(quotes.state().pendingCalls).hasValue(1);
		});
	}

	@Test
	void oneSubscriberCancellingDoesNotCancelTheLoadTheOthersWaitFor() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			Disposable cancelled = quotes.pending("ACME").subscribe();
			CompletableFuture<String> waiting = quotes.pending("ACME").toFuture();
			cancelled.dispose();
			assertThat(quotes.state().pendingCancels).hasValue(0);
			quotes.state().sink.tryEmitValue("price");
			assertThat(waiting).succeedsWithin(WAIT).isEqualTo("price");
			assertThat(cache(context, "quotes").get("pending:ACME").get()).isEqualTo("price");
		});
	}

	@Test
	void aFluxThatNeverCompletesIsCancelledOnceNoSubscriberWaitsAndTheNextCallerLoadsAfresh() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.state().hangTicks = true;
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> quotes.ticks("ACME").timeout(Duration.ofMillis(100)).blockLast(WAIT))
				.withCauseInstanceOf(TimeoutException.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(quotes.state().tickCancels).hasValue(1));
			assertThat(quotes.ticks("ACME").collectList().block(WAIT)).containsExactly(1, 2, 3);
			assertThat(quotes.state().tickSubscriptions).hasValue(2);
			assertThat(cache(context, "history").get("ticks:ACME").get()).isEqualTo(List.of(1, 2, 3));
		});
	}

	@Test
	void anErrorAfterADelayReachesEverySubscriberUnchangedAndNothingIsCached() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			IOException failure = new IOException("feed down");
			quotes.state().failure = failure;
			CompletableFuture<String> first = quotes.flaky("ACME").toFuture();
			CompletableFuture<String> second = quotes.flaky("ACME").toFuture();
			assertThat(first).failsWithin(WAIT).withThrowableThat().havingCause().isSameAs(failure);
			assertThat(second).failsWithin(WAIT).withThrowableThat().havingCause().isSameAs(failure);
			assertThat(cache(context, "quotes").get("flaky:ACME")).isNull();
			assertThat(quotes.flaky("ACME").block(WAIT)).isEqualTo("ACME#2");
			assertThat(quotes.state().flakyCalls).hasValue(2);
		});
	}

	@Test
	void aMethodThatThrowsInsteadOfReturningAMonoFailsTheSubscriberWithItsException() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> quotes.reject("x").block(WAIT))
				.withMessage("no quote for x");
		});
	}

	@Test
	void anEmptyMonoIsCachedOnlyWhenTheCacheStoresNulls() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.nothing("ACME").block(WAIT)).isNull();
			assertThat(quotes.nothing("ACME").block(WAIT)).isNull();
			assertThat(quotes.state().nothingCalls).hasValue(1);
			assertThat(cache(context, "quotes").get("nothing:ACME").get()).isNull();
			assertThat(quotes.nothingStrict("ACME").block(WAIT)).isNull();
			assertThat(quotes.nothingStrict("ACME").block(WAIT)).isNull();
			assertThat(quotes.state().nothingCalls).hasValue(3);
			assertThat(cache(context, "strict").get("ACME")).isNull();
		});
	}

	@Test
	void unlessSeesTheEmittedValueAndTheCollectedList() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.vetoed("stale").block(WAIT)).isEqualTo("stale");
			assertThat(quotes.vetoed("stale").block(WAIT)).isEqualTo("stale");
			assertThat(quotes.vetoed("fresh").block(WAIT)).isEqualTo("fresh");
			assertThat(quotes.vetoed("fresh").block(WAIT)).isEqualTo("fresh");
			assertThat(quotes.state().vetoedCalls).hasValue(3);
			assertThat(quotes.history("long", 5).count().block(WAIT)).isEqualTo(5);
			assertThat(quotes.history("long", 5).count().block(WAIT)).isEqualTo(5);
			assertThat(quotes.state().subscriptions).hasValue(2);
			assertThat(cache(context, "history").get("long")).isNull();
		});
	}

	@Test
	void aConditionThatIsFalseHandsBackTheMethodsOwnPublisher() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("LIVE").block(WAIT)).isEqualTo("LIVE#1");
			assertThat(quotes.quote("LIVE").block(WAIT)).isEqualTo("LIVE#2");
			assertThat(cache(context, "quotes").get("LIVE")).isNull();
		});
	}

	@Test
	void aFluxLongerThanTheLimitReachesTheSubscriberInFullButIsNotCachedAndIsCounted() {
		this.runner.withPropertyValues("tiered-cache.reactive.max-flux-elements=1000").run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.history("huge", 1_000_000).count().block(WAIT)).isEqualTo(1_000_000);
			assertThat(quotes.history("huge", 1_000_000).count().block(WAIT)).isEqualTo(1_000_000);
			assertThat(quotes.history("small", 1000).count().block(WAIT)).isEqualTo(1000);
			assertThat(quotes.history("small", 1000).count().block(WAIT)).isEqualTo(1000);
			assertThat(quotes.state().subscriptions).hasValue(3);
			TieredCache history = cache(context, "history");
			assertThat(history.get("huge")).isNull();
			assertThat(history.statistics().snapshot().oversizedFluxes()).isEqualTo(2);
		});
	}

	@Test
	void theDefaultLimitIsTenThousandElements() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.history("limit", 10_000).blockLast(WAIT);
			quotes.history("over", 10_001).blockLast(WAIT);
			TieredCache history = cache(context, "history");
			assertThat(history.get("limit")).isNotNull();
			assertThat(history.get("over")).isNull();
		});
	}

	@Test
	void aRefreshRunsTheMethodAndTheEmittedValueReplacesTheEntry() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.refreshable("ACME", false).block(WAIT)).isEqualTo("ACME#1");
			assertThat(quotes.refreshable("ACME", true).block(WAIT)).isEqualTo("ACME#2");
			assertThat(quotes.refreshable("ACME", false).block(WAIT)).isEqualTo("ACME#2");
		});
	}

	@Test
	void tagsOfAMonoAndOfTheValueItEmittedInvalidateTheEntry() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			CacheInvalidator invalidator = context.getBean(CacheInvalidator.class);
			assertThat(quotes.tagged("ACME").block(WAIT)).isEqualTo("ACME#1");
			invalidator.invalidateTag("symbol:ACME");
			assertThat(quotes.tagged("ACME").block(WAIT)).isEqualTo("ACME#2");
			invalidator.invalidateTag("value:ACME#2");
			assertThat(quotes.tagged("ACME").block(WAIT)).isEqualTo("ACME#3");
			assertThat(quotes.tagged("ACME").block(WAIT)).isEqualTo("ACME#3");
		});
	}

	@Test
	void aNegativeFluxLimitStopsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tiered-cache.reactive.max-flux-elements=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("tiered-cache.reactive.max-flux-elements");
		});
	}

	@Test
	void aReactiveTypeOtherThanMonoOrFluxStopsStartUpNamingTheMethod() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class))
			.withBean(RawPublisher.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("RawPublisher.prices(String) @Cached")
					.hasMessageContaining("Return a Mono or a Flux");
			});
	}

	@Test
	void aSuspendFunctionWithoutKotlinxCoroutinesReactorStopsStartUpNamingTheMethodAndTheDependency() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class))
			.withBean(SuspendFunction.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("SuspendFunction.price(String, Continuation) @Cached")
					.hasMessageContaining("kotlinx-coroutines-reactor on the class path")
					.hasMessageContaining("Add the dependency org.jetbrains.kotlinx:kotlinx-coroutines-reactor");
			});
	}

	private static TieredCache cache(ApplicationContext context, String name) {
		return context.getBean(TieredCacheManager.class).getCache(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

	public static class RawPublisher {

		@Cached(cache = "quotes")
		public Publisher<String> prices(String symbol) {
			return Mono.just(symbol);
		}

	}

	/**
	 * How the compiler shapes {@code suspend fun price(symbol: String): String}.
	 */
	public static class SuspendFunction {

		@Cached(cache = "quotes")
		public @Nullable Object price(String symbol, Continuation<? super String> continuation) {
			return symbol;
		}

	}

	public static class Quotes {

		private final State state = new State();

		public State state() {
			return this.state;
		}

		@Cached(cache = "quotes", key = "#symbol", condition = "#symbol != 'LIVE'")
		public Mono<String> quote(String symbol) {
			return Mono.fromSupplier(() -> symbol + "#" + this.state.calls.incrementAndGet());
		}

		@Cached(cache = "history", key = "#symbol", unless = "#result.size() == 5")
		public Flux<String> history(String symbol, int count) {
			return Flux.range(0, count)
				.map((i) -> symbol + "-" + i)
				.doOnSubscribe((subscription) -> this.state.subscriptions.incrementAndGet());
		}

		@Cached(cache = "quotes", key = "'pending:' + #symbol")
		public Mono<String> pending(String symbol) {
			this.state.pendingCalls.incrementAndGet();
			return this.state.sink.asMono().doOnCancel(this.state.pendingCancels::incrementAndGet);
		}

		@Cached(cache = "history", key = "'ticks:' + #symbol")
		public Flux<Integer> ticks(String symbol) {
			Flux<Integer> ticks = this.state.hangTicks ? Flux.<Integer>never() : Flux.just(1, 2, 3);
			this.state.hangTicks = false;
			return ticks.doOnSubscribe((subscription) -> this.state.tickSubscriptions.incrementAndGet())
				.doOnCancel(this.state.tickCancels::incrementAndGet);
		}

		@Cached(cache = "quotes", key = "'flaky:' + #symbol")
		public Mono<String> flaky(String symbol) {
			int call = this.state.flakyCalls.incrementAndGet();
			Throwable failure = this.state.failure;
			this.state.failure = null;
			return (failure != null) ? Mono.<String>error(failure).delaySubscription(Duration.ofMillis(100))
					: Mono.just(symbol + "#" + call);
		}

		@Cached(cache = "quotes", key = "'reject:' + #symbol")
		public Mono<String> reject(String symbol) {
			throw new IllegalArgumentException("no quote for " + symbol);
		}

		@Cached(cache = "quotes", key = "'nothing:' + #symbol")
		public Mono<String> nothing(String symbol) {
			return Mono.<String>empty().doOnSubscribe((subscription) -> this.state.nothingCalls.incrementAndGet());
		}

		@Cached(cache = "strict", key = "#symbol")
		public Mono<String> nothingStrict(String symbol) {
			return Mono.<String>empty().doOnSubscribe((subscription) -> this.state.nothingCalls.incrementAndGet());
		}

		@Cached(cache = "quotes", key = "'vetoed:' + #value", unless = "#result == 'stale'")
		public Mono<String> vetoed(String value) {
			return Mono.fromSupplier(() -> {
				this.state.vetoedCalls.incrementAndGet();
				return value;
			});
		}

		@Cached(cache = "quotes", key = "'tagged:' + #symbol", tags = { "'symbol:' + #symbol", "'value:' + #result" })
		public Mono<String> tagged(String symbol) {
			return Mono.fromSupplier(() -> symbol + "#" + this.state.calls.incrementAndGet())
				.subscribeOn(Schedulers.parallel());
		}

		@Cached(cache = "quotes", key = "'refreshable:' + #symbol", refresh = "#fresh")
		public Mono<String> refreshable(String symbol, boolean fresh) {
			return Mono.fromSupplier(() -> symbol + "#" + this.state.calls.incrementAndGet());
		}

	}

	/**
	 * What the test controls and observes, outside the proxy.
	 */
	static class State {

		final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger subscriptions = new AtomicInteger();

		final AtomicInteger pendingCalls = new AtomicInteger();

		final AtomicInteger pendingCancels = new AtomicInteger();

		final AtomicInteger tickSubscriptions = new AtomicInteger();

		final AtomicInteger tickCancels = new AtomicInteger();

		final AtomicInteger flakyCalls = new AtomicInteger();

		final AtomicInteger nothingCalls = new AtomicInteger();

		final AtomicInteger vetoedCalls = new AtomicInteger();

		final Sinks.One<String> sink = Sinks.one();

		volatile boolean hangTicks;

		volatile @Nullable Throwable failure;

	}

}
