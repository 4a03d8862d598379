package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded {@code redis-server} really starts on this platform, and {@link RedisPing}
 * tells Redis from other listeners.
 */
class EmbeddedRedisTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void startsOnAFreeLoopbackPortAnswersPingAndStops() throws IOException {
		EmbeddedRedis redis = EmbeddedRedis.start();
		try {
			assertThat(RedisPing.answers("127.0.0.1", redis.port(), TIMEOUT)).isTrue();
			assertThat(version(redis.port())).startsWith("6.");
		}
		finally {
			redis.close();
		}
		assertThat(RedisPing.answers("127.0.0.1", redis.port(), TIMEOUT)).isFalse();
	}

	@Test
	void aPortWhereNothingListensDoesNotAnswer() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		assertThat(RedisPing.answers("127.0.0.1", port, TIMEOUT)).isFalse();
	}

	@Test
	void aServerThatIsNotRedisDoesNotAnswer() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread http = new Thread(() -> {
				try (Socket client = server.accept()) {
					client.getOutputStream()
						.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					// the test fails on the assertion instead
				}
			});
			http.start();
			assertThat(RedisPing.answers("127.0.0.1", server.getLocalPort(), TIMEOUT)).isFalse();
			http.join();
		}
	}

	private static String version(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			int c;
			while ((c = in.read()) != -1) {
				reply.append((char) c);
				int at = reply.indexOf("redis_version:");
				if (at >= 0 && reply.indexOf("\r\n", at) > 0) {
					return reply.substring(at + "redis_version:".length(), reply.indexOf("\r\n", at));
				}
			}
			return "";
		}
	}

}
