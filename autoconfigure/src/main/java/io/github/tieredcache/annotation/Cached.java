package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Caches a bean method's result in a tiered cache: a call looks the key up in L1, then
 * Redis, and only runs the method on a miss; concurrent callers of one key share a single
 * run (on this instance, or on every instance with {@code single-flight: cluster}).
 *
 * <pre class="code">
 * &#64;Cached(cache = "exploits", key = "#chain", ttl = "5m")
 * &#64;InvalidateOn(event = ExploitCreated.class, key = "#event.chain")
 * public List&lt;Exploit&gt; recent(String chain) { ... }
 * </pre>
 *
 * <p>
 * Works on class and interface methods, through JDK and CGLIB proxies (calls from inside
 * the same bean bypass the proxy, as with every Spring proxy-based annotation).
 * {@code Optional}, {@code CompletableFuture} and {@code Mono} results cache the value,
 * not the wrapper; a {@code Flux} caches the list of its elements; a Kotlin
 * {@code suspend} function (with kotlinx-coroutines-reactor) caches the value it returns,
 * with the caller's continuation left out of the key. A method that throws caches nothing
 * and its exception reaches the caller unchanged. A {@code null} result is cached when
 * the cache stores nulls ({@code cache-null-values}) and skipped otherwise.
 *
 * <p>
 * Expressions are parsed once, when the application starts; an invalid one stops start-up
 * with a message naming the method and the attribute.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Cached {

	/**
	 * Alias for {@link #cache()}.
	 * @return the cache name
	 */
	@AliasFor("cache")
	String value() default "";

	/**
	 * The cache to use; required.
	 * @return the cache name
	 */
	@AliasFor("value")
	String cache() default "";

	/**
	 * SpEL for the key, over the arguments ({@code #id}, {@code #p0}, {@code #a0},
	 * {@code #root.args}, {@code #root.method}, {@code #root.target}). Empty: all
	 * arguments, as Spring's {@code SimpleKeyGenerator} would combine them.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * How long a result lives in the cache, as a duration string ({@code 30s},
	 * {@code 5m}, {@code PT1H}). Empty: the cache's {@code ttl}.
	 * @return the time-to-live
	 */
	String ttl() default "";

	/**
	 * SpEL over the arguments that must be true for the cache to be used at all; when it
	 * is false the method runs and its result is not cached.
	 * @return the condition expression
	 */
	String condition() default "";

	/**
	 * SpEL evaluated after the method ran, with the result as {@code #result} (unwrapped
	 * from {@code Optional} or {@code CompletableFuture}); when true the result is not
	 * cached.
	 * @return the veto expression
	 */
	String unless() default "";

	/**
	 * SpEL expressions, each giving a tag (or a collection of tags) for a cached result,
	 * so that {@code CacheInvalidator.invalidateTag} can remove related entries across
	 * caches.
	 * @return the tag expressions
	 */
	String[] tags() default {};

	/**
	 * SpEL over the arguments that, when true, bypasses the cache for this call: the
	 * method runs and its result replaces the entry in both tiers and on every instance,
	 * as Spring's {@code @CachePut} would (a result that may not be cached, by
	 * {@code unless} or as a {@code null} the cache does not store, evicts the entry
	 * instead). For reads that must be fresh, such as an administrator's
	 * {@code ?fresh=true}. Counted in the cache's {@code refreshes on demand}.
	 * @return the refresh expression
	 */
	String refresh() default "";

}
