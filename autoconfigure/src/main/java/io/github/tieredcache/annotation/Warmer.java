package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a no-argument bean method that warms a cache, on start-up and, if given an
 * {@link #interval()} or a {@link #cron()}, on a schedule.
 *
 * <p>
 * The method either returns the entries to load, as a {@code Map} from cache key to
 * value, which are written to {@link #cache()} in bulk (pipelined to Redis), or returns
 * nothing and calls {@code @Cached} methods of <em>other</em> beans, which fill their
 * caches as any call would (a call to a method of the same bean bypasses its proxy and
 * caches nothing).
 *
 * <pre class="code">
 * &#64;Warmer(cache = "products", interval = "30m", priority = 10)
 * Map&lt;Long, Product&gt; topProducts() {
 *     return repository.findTop1000().stream().collect(toMap(Product::id, identity()));
 * }
 * </pre>
 *
 * <p>
 * Everything here can be overridden in {@code application.yml} under
 * {@code tiered-cache.warming.warmers.<name>}. Invalid values (an unparsable duration or
 * cron expression, a method with parameters, a {@code Map} warmer without a cache) stop
 * start-up with a message naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Warmer {

	/**
	 * The warmer's name, in logs, metrics, the actuator endpoint and
	 * {@code tiered-cache.warming.warmers.<name>}. Empty: the method's name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * The cache the returned entries are written to; required when the method returns a
	 * {@code Map}. For a method that calls {@code @Cached} methods, naming their cache
	 * lets the warmer report how many entries it loaded.
	 * @return the cache name
	 */
	String cache() default "";

	/**
	 * Whether to warm once when the application starts, before it reports itself ready.
	 * @return whether to warm on start-up
	 */
	boolean onStartup() default true;

	/**
	 * How often to warm again ({@code 30m}, {@code PT1H}); one instance warms per
	 * interval. Empty: no scheduled warming unless {@link #cron()} is set.
	 * @return the interval
	 */
	String interval() default "";

	/**
	 * When to warm again, as a Spring cron expression ({@code 0 0 * * * *}); exclusive
	 * with {@link #interval()}.
	 * @return the cron expression
	 */
	String cron() default "";

	/**
	 * Warmers with a higher priority start first.
	 * @return the priority
	 */
	int priority() default 0;

	/**
	 * How long one run may take before it is interrupted ({@code 2m}). Empty:
	 * {@code tiered-cache.warming.timeout}.
	 * @return the timeout
	 */
	String timeout() default "";

}
