package io.github.tieredcache.test.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives every test method of a Spring test class ({@code @SpringBootTest} or a slice)
 * clean tiered caches: before each test, every cache of every tiered cache manager in the
 * test's application context is cleared in both tiers and on every instance sharing its
 * Redis (as {@code Cache.clear()} does), and the test waits until the cross-instance
 * invalidation bus is subscribed, so that what the test does next is seen by the other
 * instances. The caches' counters are remembered at the same time, so that
 * {@link TieredCacheAssertions} count what the test itself did.
 *
 * <p>
 * Spring caches application contexts between test classes: without this annotation,
 * entries one test left behind are hits in the next.
 *
 * @see WithoutRedis
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ClearTieredCaches {

	/**
	 * How long to wait, at most, for the invalidation bus to be subscribed before a test,
	 * in seconds.
	 * @return the time in seconds
	 */
	long readyTimeoutSeconds() default 10;

}
