package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a Redis server listens and how to log in to it, parsed from or rendered as a
 * {@code redis://} URL.
 * <p>
 * Immutable and thread-safe. {@link #toString()} hides the password so that it never
 * reaches a log or a failure message.
 *
 * @param host the host name or address, without IPv6 brackets
 * @param port the TCP port
 * @param username the ACL user name, or {@code null} for the default user
 * @param password the password, or {@code null} if the server needs none
 * @param database the database index selected after connecting
 */
record RedisEndpoint(String host, int port, @Nullable String username, @Nullable String password, int database) {

	private static final int DEFAULT_PORT = 6379;

	private static final String URL_FORMAT = "redis://[[username]:password@]host[:port][/database]";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

	/**
	 * Return the endpoint of a server without authentication, database 0.
	 * @param host the host
	 * @param port the port
	 * @return the endpoint
	 */
	static RedisEndpoint of(String host, int port) {
		return new RedisEndpoint(host, port, null, null, 0);
	}

	/**
	 * Parse a {@code redis://[[username]:password@]host[:port][/database]} URL. A user
	 * info without a colon is taken as the password, as Spring Boot does.
	 * @param url the URL
	 * @return the endpoint
	 * @throws IllegalArgumentException if the URL is malformed or uses TLS
	 */
	static RedisEndpoint parse(String url) {
		URI uri = toUri(url);
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (scheme.equals("rediss")) {
			throw invalid(url, "TLS (rediss://) is not supported by the test harness; use a plain redis:// URL");
		}
		if (!scheme.equals("redis") || uri.getHost() == null) {
			throw invalid(url, "expected " + URL_FORMAT);
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(url,
					"query and fragment are not supported; put the database in the path, as in " + URL_FORMAT);
		}
		String host = uri.getHost().replace("[", "").replace("]", "");
		int port = (uri.getPort() != -1) ? uri.getPort() : DEFAULT_PORT;
		String userInfo = uri.getUserInfo();
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = (colon > 0) ? userInfo.substring(0, colon) : null;
			password = (colon >= 0) ? userInfo.substring(colon + 1) : userInfo;
		}
		return new RedisEndpoint(host, port, username, password, database(url, uri.getPath()));
	}

	/**
	 * Return the URL a Redis client can connect with, credentials included.
	 * @return the URL
	 */
	String url() {
		String userInfo = null;
		if (this.password != null) {
			userInfo = ((this.username != null) ? this.username : "") + ":" + this.password;
		}
		String path = (this.database != 0) ? "/" + this.database : null;
		try {
			return new URI("redis", userInfo, this.host, this.port, path, null, null).toASCIIString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot build a URL for " + this, ex);
		}
	}

	/**
	 * Return {@code host:port}, for messages.
	 * @return the address
	 */
	String address() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

	/**
	 * Open a connection, log in and select the database.
	 * @param readTimeout how long any read may block
	 * @return the connected client
	 * @throws IOException if the server cannot be reached
	 */
	RespClient connect(Duration readTimeout) throws IOException {
		RespClient client = RespClient.connect(this.host, this.port, CONNECT_TIMEOUT, readTimeout);
		try {
			if (this.password != null) {
				if (this.username != null) {
					client.send("AUTH", this.username, this.password);
				}
				else {
					client.send("AUTH", this.password);
				}
			}
			if (this.database != 0) {
				client.send("SELECT", Integer.toString(this.database));
			}
			return client;
		}
		catch (IOException | RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	/**
	 * Send one command over a fresh connection.
	 * @param args the command and its arguments
	 * @return the rendered reply, {@code null} for nil
	 * @throws UncheckedIOException if the server cannot be reached or does not reply
	 * @throws IllegalStateException if Redis replies with an error
	 */
	@Nullable String command(String... args) {
		try (RespClient client = connect(COMMAND_TIMEOUT)) {
			return RespClient.render(client.send(args));
		}
		catch (IOException ex) {
			String name = (args.length > 0) ? args[0] : "a command";
			throw new UncheckedIOException("Could not send " + name + " to Redis at " + address() + " (" + ex
					+ "); is the server stopped, killed or paused?", ex);
		}
	}

	/**
	 * Return whether the server answers {@code PING} with {@code PONG} within the
	 * timeout.
	 * @param timeout the read timeout
	 * @return {@code true} if it answered
	 */
	boolean answersPing(Duration timeout) {
		try (RespClient client = connect(timeout)) {
			return "PONG".equals(client.send("PING"));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		String credentials = (this.password != null) ? ((this.username != null) ? this.username : "") + ":***@" : "";
		return "redis://" + credentials + address() + ((this.database != 0) ? "/" + this.database : "");
	}

	private static URI toUri(String url) {
		try {
			return new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid(url, "expected " + URL_FORMAT);
		}
	}

	private static int database(String url, @Nullable String path) {
		if (path == null || path.isEmpty() || path.equals("/")) {
			return 0;
		}
		try {
			int database = Integer.parseInt(path.substring(1));
			if (database >= 0) {
				return database;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(url, "the path must be a database index such as /0 or /3, as in " + URL_FORMAT);
	}

	private static IllegalArgumentException invalid(String url, String reason) {
		return new IllegalArgumentException("'" + redact(url) + "' is not a usable Redis URL: " + reason);
	}

	private static String redact(String url) {
		return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
	}

}
