/**
 * Keeps caches answering when Redis is slow or down: {@link RemoteTierGuard} puts one
 * circuit breaker in front of the shared tier of every cache of a manager, remembers the
 * invalidations that could not reach Redis and replays them when it is back, and reports
 * the shared tier's {@link L2Status}.
 */
@NullMarked
package io.github.tieredcache.cache.resilience;

import org.jspecify.annotations.NullMarked;
