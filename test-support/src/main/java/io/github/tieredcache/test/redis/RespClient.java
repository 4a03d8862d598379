package io.github.tieredcache.test.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A minimal RESP2 client over a plain socket, so the harness can talk to Redis without a
 * client library (and without the bugs of the library under test).
 * <p>
 * Not thread-safe: one connection, one caller. Replies are returned as {@link String},
 * {@link Long}, {@link List} or {@code null} (nil); an error reply at the top level
 * throws {@link IllegalStateException}.
 */
final class RespClient implements Closeable {

	private final Socket socket;

	private final InputStream input;

	private final OutputStream output;

	private RespClient(Socket socket) throws IOException {
		this.socket = socket;
		this.input = new BufferedInputStream(socket.getInputStream());
		this.output = socket.getOutputStream();
	}

	/**
	 * Connect to a Redis server.
	 * @param host the host
	 * @param port the port
	 * @param connectTimeout how long to wait for the TCP connection
	 * @param readTimeout how long any read may block; a paused server makes reads time
	 * out
	 * @return a connected client
	 * @throws IOException if the connection cannot be made
	 */
	static RespClient connect(String host, int port, Duration connectTimeout, Duration readTimeout) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
			socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
			socket.setTcpNoDelay(true);
			return new RespClient(socket);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Send one command and read its reply.
	 * @param args the command and its arguments
	 * @return the reply
	 * @throws IOException if the connection fails or the read times out
	 * @throws IllegalStateException if Redis replies with an error
	 */
	@Nullable Object send(String... args) throws IOException {
		if (args.length == 0) {
			throw new IllegalArgumentException(
					"No command given: pass the command name and its arguments, " + "for example send(\"PING\")");
		}
		write(args);
		Object reply = read();
		if (reply instanceof ErrorReply error) {
			throw new IllegalStateException("Redis replied to " + args[0] + " with an error: " + error.message());
		}
		return reply;
	}

	/**
	 * Render a reply as text: nil as {@code null}, arrays as {@code [a, b]}.
	 * @param reply a reply returned by {@link #send(String...)}
	 * @return the text, or {@code null} for a nil reply
	 */
	static @Nullable String render(@Nullable Object reply) {
		if (reply == null) {
			return null;
		}
		if (reply instanceof List<?> items) {
			return items.stream()
				.map(RespClient::render)
				.map(String::valueOf)
				.collect(Collectors.joining(", ", "[", "]"));
		}
		if (reply instanceof ErrorReply error) {
			return "(error) " + error.message();
		}
		return reply.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private void write(String[] args) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (String arg : args) {
			byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
			buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			buffer.writeBytes(bytes);
			buffer.writeBytes(new byte[] { '\r', '\n' });
		}
		buffer.writeTo(this.output);
		this.output.flush();
	}

	private @Nullable Object read() throws IOException {
		int type = this.input.read();
		if (type == -1) {
			throw new EOFException("Redis closed the connection without replying");
		}
		String line = readLine();
		return switch (type) {
			case '+' -> line;
			case '-' -> new ErrorReply(line);
			case ':' -> Long.parseLong(line);
			case '$' -> readBulk(Integer.parseInt(line));
			case '*' -> readArray(Integer.parseInt(line));
			default -> throw new IOException("Unexpected reply starting with '" + (char) type + line
					+ "': is this port really a Redis server speaking RESP2?");
		};
	}

	private @Nullable String readBulk(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] data = this.input.readNBytes(length);
		if (data.length < length || !readLine().isEmpty()) {
			throw new EOFException("Redis closed the connection in the middle of a reply");
		}
		return new String(data, StandardCharsets.UTF_8);
	}

	private @Nullable List<@Nullable Object> readArray(int count) throws IOException {
		if (count < 0) {
			return null;
		}
		List<@Nullable Object> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			items.add(read());
		}
		return items;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int current = this.input.read();
			if (current == -1) {
				throw new EOFException("Redis closed the connection in the middle of a reply");
			}
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(current);
			previous = current;
		}
	}

	private record ErrorReply(String message) {
	}

}
