/**
 * The shared tier (L2) on Redis through Spring Data Redis:
 * {@link io.github.tieredcache.cache.redis.RedisTierFactory}, how cache keys become Redis
 * keys ({@link io.github.tieredcache.cache.KeyEncoder}) and how entries are laid out.
 */
@NullMarked
package io.github.tieredcache.cache.redis;

import org.jspecify.annotations.NullMarked;
