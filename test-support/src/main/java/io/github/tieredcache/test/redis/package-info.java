/**
 * A real-Redis test harness: a server per JVM shared by every test, dedicated servers for
 * fault tests (stop, kill, pause, restart), and a JUnit extension that injects them.
 * <p>
 * The server comes from {@code TIERED_CACHE_TEST_REDIS_URL} if set, else from
 * Testcontainers when a Docker engine runs, else from a {@code redis-server} process the
 * harness starts itself. See {@link io.github.tieredcache.test.redis.RedisServers}.
 */
@NullMarked
package io.github.tieredcache.test.redis;

import org.jspecify.annotations.NullMarked;
