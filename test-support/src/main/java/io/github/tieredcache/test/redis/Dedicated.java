package io.github.tieredcache.test.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link RedisServerExtension} for a fresh, {@link RedisServer#controllable()
 * controllable} server instead of the shared one, for tests that stop, kill, pause or
 * restart Redis or that need it empty.
 * <p>
 * The server lives as long as what it was injected into: a test method parameter until
 * the test ends, a {@code @BeforeAll} parameter until the class ends, a constructor
 * parameter as long as the test instance. It is then closed automatically.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Dedicated {

}
