package io.github.tieredcache.test.redis;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out real Redis servers for tests.
 * <p>
 * Where a server comes from, in order:
 * <ol>
 * <li>{@code TIERED_CACHE_TEST_REDIS_URL}
 * ({@code redis://[[user]:password@]host:port[/db]}): that existing server, for
 * {@link #shared()} only. It is never stopped, and {@link RedisServer#flushAll()} on it
 * is refused unless {@code TIERED_CACHE_TEST_REDIS_FLUSH=true};</li>
 * <li>a Docker engine: a Testcontainers container of {@code redis:7-alpine} (or
 * {@code TIERED_CACHE_TEST_REDIS_IMAGE});</li>
 * <li>a {@code redis-server} binary ({@code TIERED_CACHE_REDIS_SERVER}, the {@code PATH},
 * {@code /usr/bin}, {@code /usr/local/bin}): a process on a free loopback port;</li>
 * <li>nothing: the test is aborted (reported as skipped, with the reason and the fix), or
 * fails with {@link IllegalStateException} when {@code CI=true}.</li>
 * </ol>
 * Persistence is off everywhere, so a restarted server comes back empty.
 * <p>
 * In a Spring Boot test, point the application at the shared server with
 * {@code @DynamicPropertySource}, and annotate the class with {@link RealRedis} so that a
 * machine without Redis skips the class before Spring starts instead of failing to load
 * the context: <pre class="code">
 * &#64;SpringBootTest
 * &#64;RealRedis
 * class CachingApplicationTests {
 *
 *     &#64;DynamicPropertySource
 *     static void redis(DynamicPropertyRegistry registry) {
 *         registry.add("spring.data.redis.url", () -&gt; RedisServers.shared().url());
 *     }
 *
 * }
 * </pre>
 * <p>
 * Thread-safe.
 */
public final class RedisServers {

	private static final Logger logger = LoggerFactory.getLogger(RedisServers.class);

	private static final ServerSelection selection = ServerSelection.system();

	private static @Nullable RedisServer shared;

	private static @Nullable RuntimeException sharedFailure;

	private RedisServers() {
	}

	/**
	 * Return the server shared by every test in this JVM, starting it on first use. It is
	 * not {@link RedisServer#controllable() controllable}, {@link RedisServer#close()} on
	 * it does nothing, and it is stopped when the JVM exits. Tests sharing it should use
	 * their own key prefixes or call {@link RedisServer#flushAll()} first.
	 * @return the shared server
	 * @throws org.opentest4j.TestAbortedException if no server is available outside CI
	 * @throws IllegalStateException if no server is available in CI, or it failed to
	 * start (later calls fail the same way without trying again)
	 */
	public static synchronized RedisServer shared() {
		if (shared != null) {
			return shared;
		}
		if (sharedFailure != null) {
			throw sharedFailure;
		}
		try {
			shared = selection.shared();
		}
		catch (RuntimeException ex) {
			sharedFailure = ex;
			throw ex;
		}
		logger.info("Redis for tests: {}", shared);
		return shared;
	}

	/**
	 * Start a fresh, controllable server for one test or test class: a container if
	 * Docker runs, else a {@code redis-server} process; never the server named by
	 * {@code TIERED_CACHE_TEST_REDIS_URL}. The caller must {@link RedisServer#close()} it
	 * (or let {@link RedisServerExtension} do so via {@link Dedicated}).
	 * @return the new server, answering {@code PING}
	 * @throws org.opentest4j.TestAbortedException if no server can be started outside CI
	 * @throws IllegalStateException if no server can be started in CI, or it failed to
	 * start
	 */
	public static RedisServer startDedicated() {
		return selection.dedicated();
	}

	/**
	 * Check, without starting anything, that a server could be had.
	 * @param dedicated whether a dedicated server is needed
	 * @throws org.opentest4j.TestAbortedException if none could be had outside CI
	 * @throws IllegalStateException if none could be had in CI
	 */
	static void requireAvailable(boolean dedicated) {
		selection.requireAvailable(dedicated);
	}

	/**
	 * Describe the shared server, or what it would be if it has not started yet, for
	 * logs. May probe for Docker, but starts nothing.
	 * @return the description
	 */
	public static synchronized String describe() {
		if (shared != null) {
			return shared.toString();
		}
		if (sharedFailure != null) {
			return "none: " + sharedFailure.getMessage();
		}
		return "not started yet; would use " + selection.describe();
	}

}
