package io.github.tieredcache.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores what a bean method wrote to the database in a tiered cache once the write is
 * durable: after the method returns, or after the commit when it runs inside a
 * Spring-managed transaction. The value reaches both tiers and every instance drops its
 * older copy, so the next read anywhere sees the new value without loading it.
 *
 * <pre class="code">
 * &#64;WriteThrough(cache = "accounts", key = "#result.id")
 * &#64;Transactional
 * public Account rename(long id, String name) { ... }
 * </pre>
 *
 * <p>
 * Nothing is cached when the method throws or the transaction rolls back. A {@code null}
 * value evicts the key instead. Unlike Spring's {@code @CachePut}, which writes the cache
 * as the method returns (inside the transaction, so a rollback leaves the uncommitted
 * value cached), the write waits for the commit.
 *
 * <p>
 * Expressions are parsed once, when the application starts; an invalid one stops start-up
 * with a message naming the method and the attribute.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WriteThrough {

	/**
	 * The cache to write; required.
	 * @return the cache name
	 */
	String cache();

	/**
	 * SpEL for the key, over the arguments ({@code #id}, {@code #p0}) and the result
	 * ({@code #result}). Empty: all arguments, as Spring's {@code SimpleKeyGenerator}
	 * would combine them.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * SpEL for the value to cache, over the arguments and the result.
	 * @return the value expression
	 */
	String value() default "#result";

}
