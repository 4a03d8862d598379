package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a free loopback port that forwards every connection to one target, and
 * can put faults between the two: added latency, dropped connections, refused
 * connections. Point a client at {@link #host()}:{@link #port()} instead of the server,
 * then <pre class="code">
 * try (TcpProxy proxy = TcpProxy.start(redis.host(), redis.port())) {
 *     proxy.latency(Duration.ofMillis(400)); // every chunk, each way, arrives 400 ms late
 *     proxy.cut();                           // open connections dropped, new ones refused
 *     proxy.heal();                          // no latency, connections accepted again
 * }
 * </pre>
 * <p>
 * Each connection is pumped by four threads (a reader and a writer per direction), so
 * latency delays every chunk by the same amount without slowing the stream down: chunks
 * are queued with the time they are due, in order. A latency change applies to chunks
 * read after it. Bytes are never altered or reordered.
 * <p>
 * Thread-safe. Meant for tests and fault-injection runs on one machine, not for
 * production traffic.
 */
public final class TcpProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TcpProxy.class);

	private static final int CHUNK = 16 * 1024;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	private volatile long latencyNanos;

	private volatile boolean refusing;

	private volatile boolean closed;

	private TcpProxy(InetSocketAddress target, ServerSocket server) {
		this.target = target;
		this.server = server;
		this.acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
		this.acceptor.setDaemon(true);
	}

	/**
	 * Starts a proxy on a free port of {@code 127.0.0.1} to the given target.
	 * @param targetHost the host to forward to
	 * @param targetPort the port to forward to
	 * @return the running proxy
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static TcpProxy start(String targetHost, int targetPort) {
		try {
			ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
			TcpProxy proxy = new TcpProxy(new InetSocketAddress(targetHost, targetPort), server);
			proxy.acceptor.start();
			logger.info("Started {}", proxy);
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not bind a loopback port for a TCP proxy to " + targetHost + ":"
					+ targetPort + " (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Returns the host clients connect to.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	/**
	 * Returns the port clients connect to; it stays the same until {@link #close()}.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Delays every chunk read from now on, in each direction, by this much; a round trip
	 * then takes at least twice as long.
	 * @param delay the added latency, {@link Duration#ZERO} for none
	 */
	public void latency(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("Latency must not be negative but was " + delay);
		}
		this.latencyNanos = delay.toNanos();
	}

	/**
	 * Closes every open connection, on both sides, as a network failure would; new
	 * connections are still accepted.
	 */
	public void dropConnections() {
		for (Link link : this.links) {
			link.close();
		}
	}

	/**
	 * Closes every open connection and refuses new ones (accepted and closed at once)
	 * until {@link #heal()}: the target is unreachable through this proxy.
	 */
	public void cut() {
		this.refusing = true;
		dropConnections();
	}

	/**
	 * Ends every fault: no added latency, new connections forwarded again. Connections
	 * dropped meanwhile stay dropped; clients reconnect.
	 */
	public void heal() {
		this.latencyNanos = 0;
		this.refusing = false;
	}

	/**
	 * Returns the number of connections being forwarded now.
	 * @return the open connections
	 */
	public int connections() {
		return this.links.size();
	}

	/**
	 * Stops listening and closes every connection. Calling it again does nothing.
	 */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close {}", this, ex);
		}
		dropConnections();
	}

	@Override
	public String toString() {
		return "TCP proxy " + host() + ":" + port() + " -> " + this.target.getHostString() + ":"
				+ this.target.getPort();
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.warn("{} stopped accepting connections: {}", this, ex.toString());
				}
				return;
			}
			if (this.refusing) {
				closeQuietly(client);
				continue;
			}
			connect(client);
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			client.setTcpNoDelay(true);
			upstream.setTcpNoDelay(true);
			upstream.connect(this.target, Math.toIntExact(CONNECT_TIMEOUT.toMillis()));
		}
		catch (IOException ex) {
			logger.debug("{} could not reach its target: {}", this, ex.toString());
			closeQuietly(client);
			closeQuietly(upstream);
			return;
		}
		Link link = new Link(client, upstream);
		this.links.add(link);
		if (this.closed || this.refusing) {
			link.close();
			return;
		}
		link.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that is left to do
		}
	}

	/**
	 * One client connection and its connection to the target.
	 */
	private final class Link {

		private final Socket client;

		private final Socket upstream;

		private final Pipe toUpstream;

		private final Pipe toClient;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
			String name = "tcp-proxy-" + port() + "-" + client.getPort();
			this.toUpstream = new Pipe(client, upstream, name + "-up");
			this.toClient = new Pipe(upstream, client, name + "-down");
		}

		void start() {
			this.toUpstream.start();
			this.toClient.start();
		}

		void close() {
			TcpProxy.this.links.remove(this);
			closeQuietly(this.client);
			closeQuietly(this.upstream);
			this.toUpstream.stop();
			this.toClient.stop();
		}

		/**
		 * One direction: a reader that queues chunks with the time they are due, and a
		 * writer that sends them then.
		 */
		private final class Pipe {

			private final Socket from;

			private final Socket to;

			private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();

			private final Thread reader;

			private final Thread writer;

			Pipe(Socket from, Socket to, String name) {
				this.from = from;
				this.to = to;
				this.reader = new Thread(this::read, name + "-reader");
				this.writer = new Thread(this::write, name + "-writer");
				this.reader.setDaemon(true);
				this.writer.setDaemon(true);
			}

			void start() {
				this.reader.start();
				this.writer.start();
			}

			void stop() {
				this.queue.add(Chunk.END);
			}

			private void read() {
				try (InputStream input = this.from.getInputStream()) {
					byte[] buffer = new byte[CHUNK];
					int read;
					while ((read = input.read(buffer)) != -1) {
						this.queue.add(
								new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + TcpProxy.this.latencyNanos));
					}
				}
				catch (SocketException ex) {
					// closed by a fault or by the other side
				}
				catch (IOException ex) {
					logger.debug("{} failed to read: {}", TcpProxy.this, ex.toString());
				}
				Link.this.close();
			}

			private void write() {
				try (OutputStream output = this.to.getOutputStream()) {
					while (true) {
						Chunk chunk = this.queue.take();
						if (chunk == Chunk.END) {
							return;
						}
						long wait = chunk.dueNanos() - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						output.write(chunk.data());
						output.flush();
					}
				}
				catch (IOException ex) {
					Link.this.close();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		}

	}

	/**
	 * Bytes read from one side, and when to write them to the other.
	 */
	private record Chunk(byte[] data, long dueNanos) {

		static final Chunk END = new Chunk(new byte[0], 0);

	}

}
