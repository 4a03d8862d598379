/**
 * Invalidation: the programmatic
 * {@link io.github.tieredcache.invalidation.CacheInvalidator}, events and named events
 * matched by {@code @InvalidateOn} and configured rules, after-commit and delayed
 * execution, and the tag index.
 */
@NullMarked
package io.github.tieredcache.invalidation;

import org.jspecify.annotations.NullMarked;
