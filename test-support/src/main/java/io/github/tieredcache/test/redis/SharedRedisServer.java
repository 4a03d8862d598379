package io.github.tieredcache.test.redis;

import org.jspecify.annotations.Nullable;

/**
 * The view of the per-JVM shared server handed to tests: every test class uses the same
 * server, so fault control is refused (one test killing it would break the others) and
 * {@link #close()} does nothing. The server itself is stopped when the JVM exits.
 * <p>
 * Thread-safe if the wrapped server is.
 */
final class SharedRedisServer extends UncontrollableRedisServer {

	private final RedisServer server;

	SharedRedisServer(RedisServer server) {
		this.server = server;
	}

	/**
	 * Return the server behind this view, whose {@link #close()} really closes it.
	 * @return the wrapped server
	 */
	RedisServer target() {
		return this.server;
	}

	@Override
	public String host() {
		return this.server.host();
	}

	@Override
	public int port() {
		return this.server.port();
	}

	@Override
	public String url() {
		return this.server.url();
	}

	@Override
	public boolean isRunning() {
		return this.server.isRunning();
	}

	@Override
	public void flushAll() {
		this.server.flushAll();
	}

	@Override
	public @Nullable String command(String... args) {
		return this.server.command(args);
	}

	@Override
	public String toString() {
		return "shared " + this.server;
	}

	@Override
	UnsupportedOperationException refused(String operation) {
		return new UnsupportedOperationException(operation + " refused on the shared Redis server: every test "
				+ "class in this JVM uses it. Fault tests need a server of their own: declare a @Dedicated "
				+ "RedisServer parameter or call RedisServers.startDedicated()");
	}

}
