package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the whole {@code 200} response of a Spring MVC or WebFlux handler method (the
 * body's bytes after message conversion, its content type and safe headers) in a tiered
 * cache, so that every instance answers from it without running the method. A WebFlux
 * handler method returns a {@code Mono} or a {@code Flux}; one returning anything else
 * stops start-up.
 *
 * <pre class="code">
 * &#64;GetMapping("/products/{id}")
 * &#64;CachedResponse(key = "#id", ttl = "5m", tags = "'product:' + #id")
 * &#64;InvalidateOn(name = "product-changed", key = "#event['id']")
 * public Product product(&#64;PathVariable long id) { ... }
 * </pre>
 *
 * <p>
 * Answers carry {@code X-Cache: HIT}, {@code MISS} or {@code BYPASS}, a strong
 * {@code ETag} computed once when the response is stored, {@code Age} and
 * {@code Cache-Control}; a request whose {@code If-None-Match} names the entry's ETag
 * gets {@code 304 Not Modified} without the method running, and {@code HEAD} is answered
 * from the entry. Nothing is stored, and the answer says {@code BYPASS}, for requests
 * with {@code Authorization} or a session cookie
 * ({@code tiered-cache.http.skip-authenticated}), responses that set cookies, statuses
 * other than 200, bodies over {@code tiered-cache.http.max-body-size} and streaming or
 * asynchronous results.
 *
 * <p>
 * {@code @InvalidateOn}, invalidation rules, tags, patterns and the actuator endpoint
 * work on these entries as on those of {@link Cached @Cached}. Expressions are parsed
 * when the application starts; an invalid one stops start-up naming the method and
 * attribute.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CachedResponse {

	/**
	 * The default cache.
	 */
	String DEFAULT_CACHE = "http-responses";

	/**
	 * The cache to store responses in.
	 * @return the cache name
	 */
	String cache() default DEFAULT_CACHE;

	/**
	 * SpEL for the key, over the handler's arguments ({@code #id}, {@code #p0}). Empty:
	 * all arguments except those Spring MVC or WebFlux injects (request, response,
	 * exchange, session, {@code Principal}, {@code Model} and other framework types).
	 * Entries of different methods with the same key share one cache entry without mixing
	 * their responses; invalidating the key drops both.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * How long a response lives in the cache, as a duration string ({@code 30s},
	 * {@code 5m}). Empty: the cache's {@code ttl}.
	 * @return the time-to-live
	 */
	String ttl() default "";

	/**
	 * Request headers whose values select a different response for the same key (for
	 * example {@code Accept-Language}); they are also sent in the {@code Vary} header.
	 * @return the header names
	 */
	String[] vary() default {};

	/**
	 * SpEL expressions, each giving a tag (or a collection of tags) for a stored
	 * response; {@code #result} is the handler's return value.
	 * @return the tag expressions
	 */
	String[] tags() default {};

	/**
	 * The {@code Cache-Control} header to send, e.g. {@code public, max-age=60}. Empty:
	 * {@code max-age} is the entry's time left.
	 * @return the header value
	 */
	String cacheControl() default "";

}
