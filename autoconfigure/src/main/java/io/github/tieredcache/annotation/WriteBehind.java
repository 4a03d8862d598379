package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a {@code void} bean method that writes to the database into a queued write: a
 * call stores the value in both tiers of the cache, appends the write to a durable queue
 * in Redis (a stream per cache, consumed by every instance) and returns; the method
 * itself runs later, on some instance, with the arguments read back from the queue.
 *
 * <pre class="code">
 * &#64;WriteBehind(cache = "views", key = "#exploitId", value = "#count")
 * public void saveViews(long exploitId, long count) { ... }
 * </pre>
 *
 * <p>
 * Several writes to one key within the cache's {@code write-behind.delay} run the method
 * once, with the last arguments; writes to one key run in order, one at a time, across
 * instances; a failing write is retried with back-off and, after
 * {@code write-behind.max-attempts}, moved to a dead-letter stream. While a write is
 * queued, {@code @Cached} reads of its key return the queued value on every instance,
 * even when the entry was evicted. A write runs at least once: the method should be
 * idempotent (set a value, not add to it). When Redis cannot be reached the method runs
 * synchronously instead, so a write is never dropped nor held only in memory.
 *
 * <p>
 * Called inside a Spring-managed transaction, the write is queued after the commit and
 * dropped on a rollback. Arguments are stored with the cache's serializer and its
 * allow-list, like cached values.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WriteBehind {

	/**
	 * The cache to write; required.
	 * @return the cache name
	 */
	String cache();

	/**
	 * SpEL for the key, over the arguments ({@code #id}, {@code #p0}). Empty: all
	 * arguments, as Spring's {@code SimpleKeyGenerator} would combine them.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * SpEL for the value to cache, over the arguments; required unless the method has a
	 * single argument, which is then the value.
	 * @return the value expression
	 */
	String value() default "";

}
