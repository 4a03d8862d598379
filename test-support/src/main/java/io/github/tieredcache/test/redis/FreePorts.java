package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Finds TCP ports nobody listens on.
 * <p>
 * Thread-safe. <strong>Hazard:</strong> a port is only known to be free at the moment it
 * is picked; another process can take it before the server binds it, so callers retry on
 * a bind failure.
 */
final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Pick a port that is free on every local interface.
	 * @return the port
	 */
	static int pick() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free TCP port: " + ex.getMessage()
					+ "; check that the machine allows binding local ports", ex);
		}
	}

}
