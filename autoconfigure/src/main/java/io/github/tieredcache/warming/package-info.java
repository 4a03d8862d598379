/**
 * Cache warming: {@link io.github.tieredcache.warming.CacheWarmer} beans and
 * {@link io.github.tieredcache.annotation.Warmer} methods, run on start-up (holding the
 * application's readiness until they finish) and on a schedule (one instance per
 * interval, through a Redis lock), written to the caches in bulk; and hot-key refresh,
 * which reloads the most-read keys before they expire.
 */
@NullMarked
package io.github.tieredcache.warming;

import org.jspecify.annotations.NullMarked;
