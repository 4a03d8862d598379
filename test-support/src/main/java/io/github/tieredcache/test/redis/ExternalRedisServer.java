package io.github.tieredcache.test.redis;

import java.time.Duration;

/**
 * A server the harness did not start, named by {@code TIERED_CACHE_TEST_REDIS_URL}.
 * <p>
 * Thread-safe and stateless apart from its address. It refuses fault control (it may be
 * someone's real server, and the harness has no handle on its process) and refuses
 * {@link #flushAll()} unless {@code TIERED_CACHE_TEST_REDIS_FLUSH=true}. {@link #close()}
 * leaves the server running.
 */
final class ExternalRedisServer extends UncontrollableRedisServer implements EndpointRedisServer {

	private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

	private final String url;

	private final RedisEndpoint endpoint;

	private final boolean flushAllowed;

	private ExternalRedisServer(String url, RedisEndpoint endpoint, boolean flushAllowed) {
		this.url = url;
		this.endpoint = endpoint;
		this.flushAllowed = flushAllowed;
	}

	/**
	 * Use the server at a URL, checking that it answers {@code PING}.
	 * @param url a {@code redis://} URL
	 * @param flushAllowed whether {@link #flushAll()} may run
	 * @return the server
	 * @throws IllegalStateException if the URL is malformed or the server does not answer
	 */
	static ExternalRedisServer connect(String url, boolean flushAllowed) {
		RedisEndpoint endpoint;
		try {
			endpoint = RedisEndpoint.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(HarnessEnvironment.REDIS_URL + " is set, but " + ex.getMessage(), ex);
		}
		if (!endpoint.answersPing(PING_TIMEOUT)) {
			throw new IllegalStateException(HarnessEnvironment.REDIS_URL + "=" + endpoint + " is set, but that server "
					+ "did not answer PING (is it down, or are the password and database right?); start it, fix the "
					+ "URL, or unset the variable to let the harness start its own Redis");
		}
		return new ExternalRedisServer(url.trim(), endpoint, flushAllowed);
	}

	@Override
	public RedisEndpoint endpoint() {
		return this.endpoint;
	}

	@Override
	public String url() {
		return this.url;
	}

	@Override
	public boolean isRunning() {
		return this.endpoint.answersPing(PING_TIMEOUT);
	}

	@Override
	public void flushAll() {
		if (!this.flushAllowed) {
			throw new UnsupportedOperationException(
					"FLUSHALL refused on " + this.endpoint + ": it comes from " + HarnessEnvironment.REDIS_URL
							+ " and may hold someone's real data. Set " + HarnessEnvironment.ALLOW_FLUSH
							+ "=true if it is a disposable test server, or delete only " + "the keys your test wrote");
		}
		command("FLUSHALL");
	}

	@Override
	public String toString() {
		return "external Redis at " + this.endpoint + " (from " + HarnessEnvironment.REDIS_URL + ")";
	}

	@Override
	UnsupportedOperationException refused(String operation) {
		return new UnsupportedOperationException(operation + " refused on " + this + ": the harness did not start "
				+ "that server and cannot control it. Fault tests need a harness-started server: declare a "
				+ "@Dedicated RedisServer parameter or call RedisServers.startDedicated()");
	}

}
