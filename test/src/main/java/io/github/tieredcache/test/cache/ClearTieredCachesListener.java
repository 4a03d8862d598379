package io.github.tieredcache.test.cache;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.sync.InvalidationBus;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Does what {@link ClearTieredCaches} promises, for the test classes that carry it;
 * registered for every Spring test through {@code META-INF/spring.factories}, and a no-op
 * for the others. Runs after the dependency injection of the test instance.
 */
public class ClearTieredCachesListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) throws Exception {
		ClearTieredCaches clear = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
				ClearTieredCaches.class);
		if (clear == null) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		Duration timeout = Duration.ofSeconds(clear.readyTimeoutSeconds());
		for (InvalidationBus bus : context.getBeanProvider(InvalidationBus.class)) {
			awaitSubscription(bus, timeout);
		}
		for (TieredCacheManager manager : context.getBeanProvider(TieredCacheManager.class)) {
			for (TieredCache cache : manager.getCaches()) {
				cache.clear();
				TestActivity.start(cache);
			}
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		TestActivity.end();
	}

	private static void awaitSubscription(InvalidationBus bus, Duration timeout) throws InterruptedException {
		try {
			bus.firstSubscription().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("@ClearTieredCaches: the invalidation bus did not subscribe to Redis "
					+ "within " + timeout.toSeconds() + "s; is Redis reachable from the test (spring.data.redis.*)? "
					+ "Use @WithoutRedis for tests that should run without it", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("@ClearTieredCaches: the invalidation bus failed to subscribe to Redis",
					ex.getCause());
		}
	}

}
