/**
 * The annotations applications put on their beans:
 * {@link io.github.tieredcache.annotation.Cached} for read-through caching of a method's
 * result, {@link io.github.tieredcache.annotation.InvalidateOn} for the events that make
 * it stale and {@link io.github.tieredcache.annotation.Warmer} for methods that fill
 * caches ahead of demand.
 */
@NullMarked
package io.github.tieredcache.annotation;

import org.jspecify.annotations.NullMarked;
