package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A {@code redis-server} process started from the binary shipped in
 * {@code com.github.codemonstur:embedded-redis} (Redis 6.2 for Linux x86-64 and arm64,
 * macOS x86-64 and arm64), listening on a free loopback port, without persistence. For
 * development only.
 * <p>
 * Thread-safe. The library also stops the process when the JVM exits.
 */
final class EmbeddedRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedRedis.class);

	private final RedisServer server;

	private final int port;

	private EmbeddedRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Start a server on a free port and wait until it accepts connections.
	 * @return the running server
	 * @throws IOException if it could not be started, e.g. no binary for this platform
	 */
	static EmbeddedRedis start() throws IOException {
		int port = freePort();
		RedisServer server = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.setting("maxmemory 128mb")
			.setting("maxmemory-policy allkeys-lru")
			.soutListener((line) -> logger.trace("redis-server: {}", line))
			.serrListener((line) -> logger.debug("redis-server: {}", line))
			.build();
		server.start();
		return new EmbeddedRedis(server, port);
	}

	/**
	 * Return the port the server listens on, at {@code 127.0.0.1}.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Stop the server. Does nothing if it has stopped already.
	 */
	@Override
	public void close() {
		try {
			if (this.server.isActive()) {
				this.server.stop();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded Redis on port " + this.port, ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
