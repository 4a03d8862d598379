/**
 * The annotations applications put on their beans:
 * {@link io.github.tieredcache.annotation.Cached} for read-through caching of a method's
 * result and {@link io.github.tieredcache.annotation.InvalidateOn} for the events that
 * make it stale.
 */
@NullMarked
package io.github.tieredcache.annotation;

import org.jspecify.annotations.NullMarked;
