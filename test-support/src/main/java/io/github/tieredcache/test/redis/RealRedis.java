package io.github.tieredcache.test.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that runs against a real Redis server: a
 * {@link RedisServer} parameter of its constructor, lifecycle methods or test methods
 * receives {@link RedisServers#shared()}, or a fresh server if the parameter is
 * {@link Dedicated}. <pre class="code">
 * &#64;RealRedis
 * class RedisTierTests {
 *
 *     &#64;Test
 *     void survivesRedisRestart(&#64;Dedicated RedisServer redis) {
 *         // ...
 *         redis.restart();
 *     }
 *
 * }
 * </pre> If no server can be had, the test is reported as skipped with the reason and the
 * fix, or fails when {@code CI=true}.
 *
 * @see RedisServerExtension
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisServerExtension.class)
public @interface RealRedis {

}
