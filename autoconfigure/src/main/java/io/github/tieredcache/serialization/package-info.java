/**
 * How cached values become bytes in Redis and back.
 * <p>
 * {@link io.github.tieredcache.serialization.CacheValueSerializer#json JSON} (the
 * default) writes each object's state (its fields, not its API view) as Jackson JSON with
 * the class of every polymorphic value recorded, and on read refuses any class that the
 * {@link io.github.tieredcache.serialization.TypeAllowList allow-list} does not permit,
 * before the class is even loaded. The opt-in
 * {@link io.github.tieredcache.serialization.CacheValueSerializer#jdk JDK} format uses
 * Java serialization behind an {@link java.io.ObjectInputFilter} driven by the same
 * allow-list.
 */
@NullMarked
package io.github.tieredcache.serialization;

import org.jspecify.annotations.NullMarked;
