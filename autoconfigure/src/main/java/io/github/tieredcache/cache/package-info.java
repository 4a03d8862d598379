/**
 * The two tiers and the Spring {@link org.springframework.cache.Cache} that stacks them:
 * {@link io.github.tieredcache.cache.TieredCacheManager},
 * {@link io.github.tieredcache.cache.TieredCache}, the in-process
 * {@link io.github.tieredcache.cache.LocalTier} (L1) and the
 * {@link io.github.tieredcache.cache.RemoteTier} contract that the shared tier (L2)
 * implements.
 */
@NullMarked
package io.github.tieredcache.cache;

import org.jspecify.annotations.NullMarked;
