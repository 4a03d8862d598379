package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link TcpProxy}, in front of an echo server.
 */
class TcpProxyTests {

	private ServerSocket echo;

	private TcpProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::echo, "echo");
		acceptor.setDaemon(true);
		acceptor.start();
		this.proxy = TcpProxy.start("127.0.0.1", this.echo.getLocalPort());
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.echo.close();
	}

	@Test
	void forwardsBytesBothWays() throws IOException {
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "ping")).isEqualTo("ping");
			assertThat(roundTrip(socket, "pong")).isEqualTo("pong");
		}
		assertThat(this.proxy.host()).isEqualTo("127.0.0.1");
	}

	@Test
	void addedLatencyDelaysEachDirection() throws IOException {
		try (Socket socket = connect()) {
			roundTrip(socket, "warm");
			this.proxy.latency(Duration.ofMillis(150));
			long start = System.nanoTime();
			assertThat(roundTrip(socket, "slow")).isEqualTo("slow");
			// at least once each way; the proxy never delivers early
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	@Test
	void dropConnectionsClosesOpenConnectionsAndAcceptsNewOnes() throws IOException {
		try (Socket socket = connect()) {
			roundTrip(socket, "before");
			this.proxy.dropConnections();
			assertClosed(socket);
		}
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "after")).isEqualTo("after");
		}
	}

	@Test
	void cutRefusesConnectionsUntilHealed() throws IOException {
		try (Socket open = connect()) {
			roundTrip(open, "before");
			this.proxy.cut();
			assertClosed(open);
		}
		try (Socket refused = connect()) {
			assertClosed(refused);
		}
		this.proxy.heal();
		try (Socket socket = connect()) {
			assertThat(roundTrip(socket, "healed")).isEqualTo("healed");
		}
	}

	@Test
	void countsTheConnectionsItForwards() throws IOException {
		try (Socket first = connect(); Socket second = connect()) {
			roundTrip(first, "a");
			roundTrip(second, "b");
			assertThat(this.proxy.connections()).isEqualTo(2);
		}
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.proxy.connections() == 0);
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(this.proxy.host(), this.proxy.port());
		socket.setSoTimeout(5000);
		return socket;
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		socket.getOutputStream().write(bytes);
		socket.getOutputStream().flush();
		byte[] answer = socket.getInputStream().readNBytes(bytes.length);
		return new String(answer, StandardCharsets.UTF_8);
	}

	private static void assertClosed(Socket socket) {
		// a closed connection reads end-of-stream, or fails once the reset arrives
		assertThatIOException().isThrownBy(() -> {
			socket.getOutputStream().write(1);
			if (socket.getInputStream().read() == -1) {
				throw new SocketException("end of stream");
			}
		});
	}

	private void echo() {
		while (!this.echo.isClosed()) {
			try {
				Socket socket = this.echo.accept();
				Thread pump = new Thread(() -> pump(socket), "echo-pump");
				pump.setDaemon(true);
				pump.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void pump(Socket socket) {
		try (socket; InputStream input = socket.getInputStream(); OutputStream output = socket.getOutputStream()) {
			input.transferTo(output);
		}
		catch (IOException ex) {
			// the client or the proxy closed the connection
		}
	}

}
