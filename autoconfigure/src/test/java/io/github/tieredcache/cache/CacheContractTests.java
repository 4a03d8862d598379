package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour of Spring's {@link Cache} contract that applications rely on, run against
 * every tier combination: L1 alone, L2 alone and both.
 */
abstract class CacheContractTests {

	/**
	 * Returns a new, empty cache.
	 * @param cacheNullValues whether the cache stores {@code null}s
	 * @return the cache
	 */
	protected abstract Cache createCache(boolean cacheNullValues);

	private Cache cache() {
		return createCache(true);
	}

	@Test
	void absentKeyReadsAsNull() {
		Cache cache = cache();
		assertThat(cache.get("absent")).isNull();
		assertThat(cache.get("absent", String.class)).isNull();
	}

	@Test
	void putValueIsReadBack() {
		Cache cache = cache();
		Product product = new Product("42", "Lamp", List.of("home", "light"));
		cache.put("42", product);
		ValueWrapper wrapper = cache.get("42");
		assertThat(wrapper).isNotNull();
		assertThat(wrapper.get()).isEqualTo(product);
		assertThat(cache.get("42", Product.class)).isEqualTo(product);
	}

	@Test
	void putReplacesThePreviousValue() {
		Cache cache = cache();
		cache.put("k", "first");
		cache.put("k", "second");
		assertThat(cache.get("k", String.class)).isEqualTo("second");
	}

	@Test
	void typedGetRejectsAValueOfAnotherType() {
		Cache cache = cache();
		cache.put("k", "text");
		assertThatIllegalStateException().isThrownBy(() -> cache.get("k", Integer.class))
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void loaderRunsOnMissAndItsValueIsCached() {
		Cache cache = cache();
		AtomicInteger calls = new AtomicInteger();
		assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
		assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
		assertThat(calls).hasValue(1);
		assertThat(cache.get("k", String.class)).isEqualTo("v1");
	}

	@Test
	void concurrentMissesForOneKeyRunTheLoaderOnce() throws Exception {
		Cache cache = cache();
		AtomicInteger calls = new AtomicInteger();
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch allCalling = new CountDownLatch(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					allCalling.countDown();
					return cache.get("hot", () -> {
						calls.incrementAndGet();
						// Hold the load until every caller is on its way in, so they
						// overlap it
						allCalling.await(5, TimeUnit.SECONDS);
						return "loaded";
					});
				}));
			}
			start.countDown();
			for (Future<String> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(calls).hasValue(1);
	}

	@Test
	void loaderFailureIsWrappedAndNothingIsCached() {
		Cache cache = cache();
		IllegalStateException failure = new IllegalStateException("database down");
		assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> cache.get("k", () -> {
			throw failure;
		})).satisfies((ex) -> {
			assertThat(ex.getCause()).isSameAs(failure);
			assertThat(ex.getKey()).isEqualTo("k");
		});
		assertThat(cache.get("k")).isNull();
		assertThat(cache.get("k", () -> "recovered")).isEqualTo("recovered");
	}

	@Test
	void putIfAbsentStoresOnlyWhenAbsent() {
		Cache cache = cache();
		assertThat(cache.putIfAbsent("k", "first")).isNull();
		ValueWrapper existing = cache.putIfAbsent("k", "second");
		assertThat(existing).isNotNull();
		assertThat(existing.get()).isEqualTo("first");
		assertThat(cache.get("k", String.class)).isEqualTo("first");
	}

	@Test
	void evictRemovesOnlyThatKey() {
		Cache cache = cache();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.evict("a");
		assertThat(cache.get("a")).isNull();
		assertThat(cache.get("b", String.class)).isEqualTo("2");
	}

	@Test
	void evictIfPresentReportsWhetherTheKeyWasPresent() {
		Cache cache = cache();
		cache.put("a", "1");
		assertThat(cache.evictIfPresent("a")).isTrue();
		assertThat(cache.evictIfPresent("a")).isFalse();
		assertThat(cache.get("a")).isNull();
	}

	@Test
	void clearRemovesEveryEntry() {
		Cache cache = cache();
		for (int i = 0; i < 50; i++) {
			cache.put("k" + i, i);
		}
		cache.clear();
		for (int i = 0; i < 50; i++) {
			assertThat(cache.get("k" + i)).isNull();
		}
	}

	@Test
	void invalidateReportsWhetherAnythingWasPresent() {
		Cache cache = cache();
		assertThat(cache.invalidate()).isFalse();
		cache.put("a", "1");
		assertThat(cache.invalidate()).isTrue();
		assertThat(cache.get("a")).isNull();
		assertThat(cache.invalidate()).isFalse();
	}

	@Test
	void nullIsCachedAsAPresentEntryWhenAllowed() {
		Cache cache = cache();
		cache.put("k", null);
		ValueWrapper wrapper = cache.get("k");
		assertThat(wrapper).isNotNull();
		assertThat(wrapper.get()).isNull();
		AtomicInteger calls = new AtomicInteger();
		assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isNull();
		assertThat(calls).hasValue(0);
	}

	@Test
	void loaderReturningNullIsCachedWhenAllowed() {
		Cache cache = cache();
		AtomicInteger calls = new AtomicInteger();
		Object loaded = cache.get("k", () -> {
			calls.incrementAndGet();
			return null;
		});
		assertThat(loaded).isNull();
		assertThat(cache.get("k", () -> "v" + calls.incrementAndGet())).isNull();
		assertThat(calls).hasValue(1);
	}

	@Test
	void nullIsRejectedWithAClearMessageWhenNotAllowed() {
		Cache cache = createCache(false);
		assertThatIllegalArgumentException().isThrownBy(() -> cache.put("k", null))
			.withMessageContaining(cache.getName())
			.withMessageContaining("cache-null-values");
		assertThat(cache.get("k")).isNull();
	}

	@Test
	void retrieveCompletesWithTheCachedValueOrWithNothingWhenAbsent() throws Exception {
		Cache cache = cache();
		// Spring's contract allows either answer for a miss: null, or a future of null
		CompletableFuture<?> absent = cache.retrieve("k");
		if (absent != null) {
			assertThat(absent.get(5, TimeUnit.SECONDS)).isNull();
		}
		cache.put("k", "v");
		CompletableFuture<?> retrieved = cache.retrieve("k");
		assertThat(retrieved).isNotNull();
		Object value = retrieved.get(5, TimeUnit.SECONDS);
		Object unwrapped = (value instanceof ValueWrapper wrapper) ? wrapper.get() : value;
		assertThat(unwrapped).isEqualTo("v");
	}

	@Test
	void retrieveWithLoaderLoadsOnceAndCaches() throws Exception {
		Cache cache = cache();
		AtomicInteger calls = new AtomicInteger();
		String first = cache.retrieve("k", () -> CompletableFuture.supplyAsync(() -> "v" + calls.incrementAndGet()))
			.get(5, TimeUnit.SECONDS);
		String second = cache.retrieve("k", () -> CompletableFuture.supplyAsync(() -> "v" + calls.incrementAndGet()))
			.get(5, TimeUnit.SECONDS);
		assertThat(first).isEqualTo("v1");
		assertThat(second).isEqualTo("v1");
		assertThat(calls).hasValue(1);
	}

	@Test
	void cancellingOneCallersRetrieveDoesNotFailAnother() throws Exception {
		Cache cache = cache();
		CompletableFuture<String> slow = new CompletableFuture<>();
		CompletableFuture<String> first = cache.retrieve("k", () -> slow);
		CompletableFuture<String> second = cache.retrieve("k", () -> CompletableFuture.completedFuture("other"));
		first.cancel(true);
		slow.complete("v");
		assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v");
	}

	@Test
	void onceEveryCallerHasCancelledItsRetrieveTheLoadIsCancelledAndTheNextCallerLoadsAfresh() throws Exception {
		Cache cache = cache();
		CompletableFuture<String> endless = new CompletableFuture<>();
		CountDownLatch loading = new CountDownLatch(1);
		CompletableFuture<String> first = cache.retrieve("k", () -> {
			loading.countDown();
			return endless;
		});
		CompletableFuture<String> second = cache.retrieve("k", () -> CompletableFuture.completedFuture("other"));
		assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
		first.cancel(false);
		assertThat(endless).isNotDone();
		second.cancel(false);
		// The load may be handing its future over on another thread at this moment
		await().atMost(Duration.ofSeconds(5)).until(endless::isCancelled);
		assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("fresh")).get(5, TimeUnit.SECONDS))
			.isEqualTo("fresh");
	}

	@Test
	void aRetrieveCancelledBeforeItsLoadStartsNeverLoadsAndLeavesNoLeaseBehind() throws Exception {
		Cache cache = cache();
		AtomicInteger loads = new AtomicInteger();
		for (int i = 0; i < 50; i++) {
			cache.retrieve("k" + i, () -> {
				loads.incrementAndGet();
				return new CompletableFuture<String>();
			}).cancel(false);
		}
		// A cancelled load gives its lease back without waiting for Redis, so a load
		// started at once may still find it and skip Redis; within moments (far less
		// than the lease's 30 s) every key takes a fresh value in every tier
		for (int i = 0; i < 50; i++) {
			String key = "k" + i;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(
						cache.retrieve(key, () -> CompletableFuture.completedFuture("fresh")).get(5, TimeUnit.SECONDS))
					.isEqualTo("fresh");
				CompletableFuture<?> stored = cache.retrieve(key);
				assertThat(stored).as("stored in every tier the cache has, so no lease was left on %s", key)
					.isNotNull();
				Object value = stored.get(5, TimeUnit.SECONDS);
				assertThat((value instanceof ValueWrapper wrapper) ? wrapper.get() : value).isEqualTo("fresh");
			});
		}
		// Some loads may have started before their caller cancelled; none finished
		assertThat(loads.get()).isLessThanOrEqualTo(50);
	}

	@Test
	void aBlockingCallerWaitingForAnAsynchronousLoadKeepsItGoingWhenTheAsynchronousCallerCancels() throws Exception {
		Cache cache = cache();
		CompletableFuture<String> slow = new CompletableFuture<>();
		CompletableFuture<String> async = cache.retrieve("k", () -> slow);
		CompletableFuture<String> blocking = new CompletableFuture<>();
		Thread caller = new Thread(() -> {
			try {
				blocking.complete(cache.get("k", () -> "own"));
			}
			catch (RuntimeException ex) {
				blocking.completeExceptionally(ex);
			}
		});
		caller.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);
		async.cancel(false);
		assertThat(slow).isNotDone();
		slow.complete("v");
		assertThat(blocking.get(5, TimeUnit.SECONDS)).isEqualTo("v");
	}

	@Test
	void retrieveWithFailingLoaderCachesNothing() {
		Cache cache = cache();
		CompletableFuture<String> failed = cache.retrieve("k",
				() -> CompletableFuture.failedFuture(new IllegalStateException("down")));
		assertThat(failed).failsWithin(5, TimeUnit.SECONDS);
		assertThat(cache.get("k")).isNull();
	}

	@Test
	void multiArgumentKeysThatJoinAlikeDoNotCollide() {
		Cache cache = cache();
		cache.put(new SimpleKey("a,b"), "one argument");
		cache.put(new SimpleKey("a", "b"), "two arguments");
		cache.put(new SimpleKey("a", null), "null argument");
		cache.put(new SimpleKey("a", "null"), "string null");
		assertThat(cache.get(new SimpleKey("a,b"), String.class)).isEqualTo("one argument");
		assertThat(cache.get(new SimpleKey("a", "b"), String.class)).isEqualTo("two arguments");
		assertThat(cache.get(new SimpleKey("a", null), String.class)).isEqualTo("null argument");
		assertThat(cache.get(new SimpleKey("a", "null"), String.class)).isEqualTo("string null");
	}

	@Test
	void recordKeysAreDistinguishedByTheirComponents() {
		Cache cache = cache();
		cache.put(new Product("1", "a"), "first");
		cache.put(new Product("1", "b"), "second");
		assertThat(cache.get(new Product("1", "a"), String.class)).isEqualTo("first");
		assertThat(cache.get(new Product("1", "b"), String.class)).isEqualTo("second");
	}

}
