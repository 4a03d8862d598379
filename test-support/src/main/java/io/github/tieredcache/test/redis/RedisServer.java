package io.github.tieredcache.test.redis;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis server for tests: where it listens, a one-shot command channel and, for
 * servers the harness started itself, fault control (stop, kill, pause, resume, restart).
 * <p>
 * Get one from {@link RedisServers#shared()} (one per JVM, reused by every test class,
 * never controllable), from {@link RedisServers#startDedicated()} (fresh, controllable,
 * closed by the caller), or let {@link RedisServerExtension} inject it into a test.
 * <p>
 * Implementations are thread-safe: fault-control calls are serialized, and every
 * {@link #command(String...)} call uses its own connection. No method accepts or returns
 * {@code null} except where {@link Nullable} says so.
 * <p>
 * <strong>Hazards:</strong> fault control really stops, freezes or kills a server, so
 * every client connected to it is affected; use a dedicated server for fault tests, never
 * the shared one. {@link #flushAll()} deletes every key in every database of the server.
 */
public interface RedisServer extends AutoCloseable {

	/**
	 * Return the host name or address clients connect to.
	 * @return the host, for example {@code 127.0.0.1}
	 */
	String host();

	/**
	 * Return the TCP port clients connect to. It stays the same across
	 * {@link #restart()}, so clients configured once keep working.
	 * @return the port
	 */
	int port();

	/**
	 * Return a URL a Redis client (Lettuce, Jedis, {@code spring.data.redis.url}) can
	 * connect with, including credentials and database when the server needs them.
	 * @return a {@code redis://host:port} URL
	 */
	String url();

	/**
	 * Return whether {@link #stop()}, {@link #kill()}, {@link #pause()},
	 * {@link #resume()} and {@link #restart()} are supported. Only dedicated servers
	 * started by the harness are controllable.
	 * @return {@code true} if fault control is supported
	 */
	boolean controllable();

	/**
	 * Shut the server down gracefully (SIGTERM or {@code docker stop}) and wait until it
	 * has exited. Does nothing if it is not running. A paused server is resumed first so
	 * that it can shut down.
	 * @throws UnsupportedOperationException if the server is not {@link #controllable()}
	 */
	void stop();

	/**
	 * Kill the server abruptly (SIGKILL), as a crash would, and wait until it has gone.
	 * Works on a paused server too. Does nothing if it is not running.
	 * @throws UnsupportedOperationException if the server is not {@link #controllable()}
	 */
	void kill();

	/**
	 * Freeze the server (SIGSTOP or {@code docker pause}): connections stay open but
	 * nothing is answered until {@link #resume()}, which is how a long GC pause or a
	 * stalled network looks to a client.
	 * @throws UnsupportedOperationException if the server is not {@link #controllable()}
	 * @throws IllegalStateException if the server is not running
	 */
	void pause();

	/**
	 * Unfreeze a server frozen by {@link #pause()}. Does nothing if it is not paused.
	 * @throws UnsupportedOperationException if the server is not {@link #controllable()}
	 */
	void resume();

	/**
	 * Start the server again on the same host and port, stopping it first if it is
	 * running, and wait until it answers {@code PING}. Data does not survive: persistence
	 * is off.
	 * @throws UnsupportedOperationException if the server is not {@link #controllable()}
	 * @throws IllegalStateException if the server does not come back, or was closed
	 */
	void restart();

	/**
	 * Return whether the server is up. A paused server counts as running; a server the
	 * harness did not start counts as running while it answers {@code PING}.
	 * @return {@code true} if the server is running
	 */
	boolean isRunning();

	/**
	 * Delete every key in every database of this server ({@code FLUSHALL}). Refused for a
	 * server named by {@code TIERED_CACHE_TEST_REDIS_URL} unless
	 * {@code TIERED_CACHE_TEST_REDIS_FLUSH=true}, because that may be someone's real
	 * server.
	 * @throws UnsupportedOperationException if flushing this server is not allowed
	 */
	void flushAll();

	/**
	 * Send one command over a fresh connection and return its reply: simple strings, bulk
	 * strings and integers as text, arrays in {@code [a, b]} form, a nil reply as
	 * {@code null}. Handy for {@code DBSIZE}, {@code CLIENT KILL TYPE pubsub},
	 * {@code CONFIG SET} or {@code DEBUG SLEEP 2} (the harness enables {@code DEBUG}).
	 * @param args the command and its arguments, for example {@code "CONFIG", "SET",
	 * "maxmemory", "10mb"}
	 * @return the reply, or {@code null} for a nil reply
	 * @throws IllegalStateException if Redis replies with an error, with its message
	 * @throws java.io.UncheckedIOException if the server cannot be reached or does not
	 * reply within 15 seconds
	 */
	@Nullable String command(String... args);

	/**
	 * Release the server: a dedicated server is killed and its files deleted; the shared
	 * server and a server named by {@code TIERED_CACHE_TEST_REDIS_URL} are left alone
	 * (the shared one is stopped when the JVM exits). Calling it again does nothing.
	 */
	@Override
	void close();

}
