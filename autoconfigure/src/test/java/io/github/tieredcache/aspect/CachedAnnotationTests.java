package io.github.tieredcache.aspect;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.invalidation.CacheInvalidator;
import io.github.tieredcache.invalidation.ScheduledInvalidation;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@code @Cached}, {@code @InvalidateOn} and the {@link CacheInvalidator} in a
 * Spring context, on the in-process tier.
 */
class CachedAnnotationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class))
		.withUserConfiguration(Services.class);

	@Test
	void interfaceAnnotationsWorkThroughAJdkProxy() {
		this.runner.run((context) -> {
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			assertThat(AopUtils.isJdkDynamicProxy(feed)).isTrue();
			assertThat(feed.recent("eth")).isEqualTo(feed.recent("eth"));
			assertThat(feed.calls()).isEqualTo(1);
		});
	}

	@Test
	void classAnnotationsWorkThroughACglibProxy() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			assertThat(AopUtils.isCglibProxy(prices)).isTrue();
			String first = prices.price("ACME", 1);
			assertThat(prices.price("ACME", 1)).isEqualTo(first);
			assertThat(prices.price("ACME", 2)).isNotEqualTo(first);
			assertThat(prices.calls()).isEqualTo(2);
		});
	}

	@Test
	void defaultKeysKeepArgumentsApartIncludingNullsAndVarargs() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.price("ACME", null);
			prices.price("ACME", null);
			prices.price("null", null);
			assertThat(prices.calls()).isEqualTo(2);
			prices.sum(1, 2);
			prices.sum(12);
			prices.sum();
			prices.sum(1, 2);
			assertThat(prices.calls()).isEqualTo(5);
		});
	}

	@Test
	void conditionBypassesTheCacheAndUnlessVetoesStoring() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.quote("LIVE");
			prices.quote("LIVE");
			assertThat(prices.calls()).isEqualTo(2);
			prices.quote("XYZ");
			prices.quote("XYZ");
			assertThat(prices.calls()).isEqualTo(4);
			prices.quote("ACME");
			prices.quote("ACME");
			assertThat(prices.calls()).isEqualTo(5);
		});
	}

	@Test
	void optionalResultsCacheTheValueAndEmptyAsNull() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			assertThat(prices.lookup("a")).contains("found-a");
			assertThat(prices.lookup("a")).contains("found-a");
			assertThat(prices.lookup("missing")).isEmpty();
			assertThat(prices.lookup("missing")).isEmpty();
			assertThat(prices.calls()).isEqualTo(2);
			TieredCache lookups = cache(context, "lookups");
			assertThat(lookups.get("a").get()).isEqualTo("found-a");
			assertThat(lookups.get("missing").get()).isNull();
		});
	}

	@Test
	void futureResultsCacheTheCompletedValue() throws Exception {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			assertThat(prices.fetch("a").get(5, TimeUnit.SECONDS)).isEqualTo("fetched-a");
			assertThat(prices.fetch("a").get(5, TimeUnit.SECONDS)).isEqualTo("fetched-a");
			assertThat(prices.calls()).isEqualTo(1);
			assertThat(cache(context, "futures").get("a").get()).isEqualTo("fetched-a");
		});
	}

	@Test
	void aMethodsOwnExceptionReachesTheCallerUnchangedAndNothingIsCached() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			IOException failure = new IOException("database down");
			prices.failWith(failure);
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> prices.failing("a")).isSameAs(failure);
			prices.failWith(null);
			assertThat(prices.failing("a")).isEqualTo("ok-a");
			assertThat(prices.calls()).isEqualTo(2);
		});
	}

	@Test
	void nullResultsAreSkippedWhenTheCacheDoesNotStoreNulls() {
		this.runner.withPropertyValues("tiered-cache.caches.nulls.cache-null-values=false").run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			assertThat(prices.nothing("a")).isNull();
			assertThat(prices.nothing("a")).isNull();
			assertThat(prices.calls()).isEqualTo(2);
		});
	}

	@Test
	void nullResultsAreCachedWhenTheCacheStoresNulls() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			assertThat(prices.nothing("a")).isNull();
			assertThat(prices.nothing("a")).isNull();
			assertThat(prices.calls()).isEqualTo(1);
		});
	}

	@Test
	void aMethodTtlBoundsTheEntry() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.shortLived("a");
			TieredCache cache = cache(context, "short");
			LocalTier l1 = cache.localTier();
			assertThat(l1.expiresAfter(cache.encodeKey("a"))).hasValueSatisfying(
					(remaining) -> assertThat(remaining).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
		});
	}

	@Test
	void concurrentCallersOfOneKeyRunTheMethodOnce() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			CountDownLatch gate = new CountDownLatch(1);
			prices.holdLoadsUntil(gate);
			ExecutorService callers = Executors.newFixedThreadPool(8);
			try {
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					results.add(callers.submit(() -> prices.slow("a")));
				}
				await().until(() -> prices.calls() >= 1);
				gate.countDown();
				for (Future<String> result : results) {
					assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("slow-a");
				}
				assertThat(prices.calls()).isEqualTo(1);
			}
			finally {
				callers.shutdownNow();
			}
		});
	}

	@Test
	void aPublishedEventInvalidatesItsKeyOnly() {
		this.runner.run((context) -> {
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			feed.recent("eth");
			feed.recent("btc");
			context.publishEvent(new ExploitCreated("eth"));
			feed.recent("eth");
			feed.recent("btc");
			assertThat(feed.calls()).isEqualTo(3);
		});
	}

	@Test
	void eventsMatchByTypeIncludingAnyPublishedObject() {
		this.runner.run((context) -> {
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			feed.recent("sol");
			context.publishEvent(new CriticalExploitCreated("sol"));
			feed.recent("sol");
			context.publishEvent("an unrelated payload");
			feed.recent("sol");
			assertThat(feed.calls()).isEqualTo(2);
		});
	}

	@Test
	void namedEventsInvalidateWithTheirContextMap() {
		this.runner.run((context) -> {
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			feed.recent("eth");
			context.getBean(CacheInvalidator.class).publish("exploits-imported", Map.of("chain", "eth"));
			feed.recent("eth");
			assertThat(feed.calls()).isEqualTo(2);
		});
	}

	@Test
	void anEmptyKeyInvalidatesTheWholeCacheWhenTheConditionHolds() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.whole("a");
			prices.whole("b");
			context.publishEvent(new ExploitCreated("not-all"));
			prices.whole("a");
			assertThat(prices.calls()).isEqualTo(2);
			context.publishEvent(new ExploitCreated("all"));
			prices.whole("a");
			prices.whole("b");
			assertThat(prices.calls()).isEqualTo(4);
		});
	}

	@Test
	void aDelayedInvalidationHappensLater() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.delayed("eth");
			context.publishEvent(new ExploitCreated("eth"));
			TieredCache delayed = cache(context, "delayed");
			assertThat(delayed.get("eth")).isNotNull();
			await().atMost(Duration.ofSeconds(5)).until(() -> delayed.get("eth") == null);
		});
	}

	@Test
	void rulesInConfigurationInvalidateKeysPatternsAndCascade() {
		this.runner
			.withPropertyValues("tiered-cache.invalidation.rules[0].event=" + ExploitCreated.class.getName(),
					"tiered-cache.invalidation.rules[0].caches=prices",
					"tiered-cache.invalidation.rules[0].patterns[0]=~(#{#event.chain},*",
					"tiered-cache.invalidation.rules[0].cascade=quotes")
			.run((context) -> {
				PriceService prices = context.getBean(PriceService.class);
				prices.price("eth", 1);
				prices.price("eth", 2);
				prices.price("btc", 1);
				prices.quote("ACME");
				context.publishEvent(new ExploitCreated("eth"));
				TieredCache priceCache = cache(context, "prices");
				assertThat(priceCache.get(new SimpleKey("eth", 1))).isNull();
				assertThat(priceCache.get(new SimpleKey("eth", 2))).isNull();
				assertThat(priceCache.get(new SimpleKey("btc", 1))).isNotNull();
				assertThat(cache(context, "quotes").get("ACME")).isNull();
			});
	}

	@Test
	void aRuleAndAnAnnotationForTheSameEventBothApply() {
		this.runner
			.withPropertyValues("tiered-cache.invalidation.rules[0].event=" + ExploitCreated.class.getName(),
					"tiered-cache.invalidation.rules[0].caches=quotes")
			.run((context) -> {
				ExploitFeed feed = context.getBean(ExploitFeed.class);
				PriceService prices = context.getBean(PriceService.class);
				feed.recent("eth");
				prices.quote("ACME");
				context.publishEvent(new ExploitCreated("eth"));
				assertThat(cache(context, "exploits").get("eth")).isNull();
				assertThat(cache(context, "quotes").get("ACME")).isNull();
			});
	}

	@Test
	void tagsInvalidateRelatedEntriesAcrossCaches() {
		this.runner.run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.owned("a", "alice");
			prices.owned("b", "alice");
			prices.owned("c", "bob");
			context.getBean(CacheInvalidator.class).invalidateTag("owner:alice");
			TieredCache tagged = cache(context, "tagged");
			assertThat(tagged.get("a")).isNull();
			assertThat(tagged.get("b")).isNull();
			assertThat(tagged.get("c")).isNotNull();
			context.getBean(CacheInvalidator.class).invalidateTag("small");
			assertThat(tagged.get("c")).isNull();
		});
	}

	@Test
	void theInvalidatorRemovesKeysCachesAndPatterns() {
		this.runner.run((context) -> {
			CacheInvalidator invalidator = context.getBean(CacheInvalidator.class);
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			feed.recent("eth");
			feed.recent("btc");
			feed.recent("bsc");
			invalidator.invalidate("exploits", "eth");
			assertThat(cache(context, "exploits").get("eth")).isNull();
			invalidator.invalidatePattern("exploits", "b?c");
			assertThat(cache(context, "exploits").get("btc")).isNull();
			assertThat(cache(context, "exploits").get("bsc")).isNull();
			feed.recent("eth");
			invalidator.invalidateAll("exploits");
			assertThat(cache(context, "exploits").get("eth")).isNull();
		});
	}

	@Test
	void aScheduledInvalidationRunsUnlessCancelled() {
		this.runner.run((context) -> {
			CacheInvalidator invalidator = context.getBean(CacheInvalidator.class);
			ExploitFeed feed = context.getBean(ExploitFeed.class);
			feed.recent("eth");
			feed.recent("btc");
			ScheduledInvalidation cancelled = invalidator.schedule(Duration.ofMillis(200),
					(later) -> later.invalidate("exploits", "btc"));
			assertThat(cancelled.cancel()).isTrue();
			invalidator.schedule(Duration.ofMillis(50), (later) -> later.invalidate("exploits", "eth"));
			await().atMost(Duration.ofSeconds(5)).until(() -> cache(context, "exploits").get("eth") == null);
			assertThat(cache(context, "exploits").get("btc")).isNotNull();
			assertThat(cancelled.isDone()).isTrue();
		});
	}

	@Test
	void withSpringCachingSwitchedOffMethodsRunEveryTime() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
					TieredCacheAnnotationsAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(Services.class, EnableCachingConfiguration.class)
			.withPropertyValues("spring.cache.type=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(TieredCacheManager.class);
				PriceService prices = context.getBean(PriceService.class);
				prices.price("ACME", 1);
				prices.price("ACME", 1);
				assertThat(prices.calls()).isEqualTo(2);
				context.getBean(CacheInvalidator.class).invalidate("prices", "ACME");
			});
	}

	@Test
	void withAnotherCacheManagerMethodsAreCachedThroughItsCaches() {
		this.runner.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("prices")).run((context) -> {
			PriceService prices = context.getBean(PriceService.class);
			prices.price("ACME", 1);
			prices.price("ACME", 1);
			assertThat(prices.calls()).isEqualTo(1);
			context.publishEvent(new ExploitCreated("eth"));
		});
	}

	private static TieredCache cache(AssertableApplicationContext context, String name) {
		TieredCache cache = context.getBean(TieredCacheManager.class).getCache(name);
		assertThat(cache).isNotNull();
		return cache;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class EnableCachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		ExploitFeed exploitFeed() {
			return new InMemoryExploitFeed();
		}

		@Bean
		PriceService priceService() {
			return new PriceService();
		}

	}

}
