package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks whether a Redis server answers at an address, with a plain socket so that no
 * client library has to be set up first.
 */
final class RedisPing {

	private RedisPing() {
	}

	/**
	 * Send {@code PING} and wait for any Redis reply.
	 * @param host the host
	 * @param port the port
	 * @param timeout how long to wait for the connection and for the reply, each
	 * @return {@code true} if a Redis server answered, even with an error such as
	 * {@code -NOAUTH}; {@code false} if nothing listens, the connection timed out or the
	 * reply was not Redis
	 */
	static boolean answers(String host, int port, Duration timeout) {
		int millis = Math.toIntExact(timeout.toMillis());
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), millis);
			socket.setSoTimeout(millis);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			int first = in.read();
			return first == '+' || first == '-';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
