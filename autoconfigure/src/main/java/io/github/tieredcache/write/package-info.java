/**
 * Write strategies: {@code @WriteThrough}, which caches what a method wrote once it is
 * committed, and {@code @WriteBehind}, which caches at once and queues the database write
 * in a Redis stream that every instance consumes
 * ({@link io.github.tieredcache.write.WriteBehindQueues}).
 */
@NullMarked
package io.github.tieredcache.write;

import org.jspecify.annotations.NullMarked;
