/**
 * The Spring AOP infrastructure behind {@link io.github.tieredcache.annotation.Cached}:
 * an advisor whose interceptor reads through the tiered cache, and the parsing of the
 * annotation's expressions, done once per method.
 */
@NullMarked
package io.github.tieredcache.aspect;

import org.jspecify.annotations.NullMarked;
