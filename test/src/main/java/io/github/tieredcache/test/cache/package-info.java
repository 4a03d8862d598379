/**
 * Support for an application's own tests of code that uses the tiered cache:
 * {@link io.github.tieredcache.test.cache.ClearTieredCaches @ClearTieredCaches} gives
 * each test clean caches, {@link io.github.tieredcache.test.cache.WithoutRedis
 * @WithoutRedis} runs a test class on L1 alone, and
 * {@link io.github.tieredcache.test.cache.TieredCacheAssertions} asserts what a test did
 * to a cache.
 */
@NullMarked
package io.github.tieredcache.test.cache;

import org.jspecify.annotations.NullMarked;
