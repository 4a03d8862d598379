package io.github.tieredcache.test.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test class with its tiered caches on L1 alone: Redis is neither needed
 * nor used by the caches ({@code tiered-cache.defaults.l2.enabled=false}; a cache
 * configured with {@code l2.enabled: true} of its own still uses Redis), and, with no
 * cache on Redis, no invalidation bus starts. For tests of the application's logic that
 * need the caching behaviour but no Redis server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = "tiered-cache.defaults.l2.enabled=false")
public @interface WithoutRedis {

}
