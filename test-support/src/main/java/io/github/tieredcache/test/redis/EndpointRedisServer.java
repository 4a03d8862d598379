package io.github.tieredcache.test.redis;

import org.jspecify.annotations.Nullable;

/**
 * A server reached through a {@link RedisEndpoint}: its address, URL and command channel
 * all come from the endpoint, and {@link #flushAll()} sends {@code FLUSHALL} over it.
 * <p>
 * Thread-safe if {@link #endpoint()} always returns the same endpoint, as every
 * implementation does.
 */
interface EndpointRedisServer extends RedisServer {

	/**
	 * Return where the server listens and how to log in to it.
	 * @return the endpoint, the same on every call
	 */
	RedisEndpoint endpoint();

	@Override
	default String host() {
		return endpoint().host();
	}

	@Override
	default int port() {
		return endpoint().port();
	}

	@Override
	default String url() {
		return endpoint().url();
	}

	@Override
	default void flushAll() {
		command("FLUSHALL");
	}

	@Override
	default @Nullable String command(String... args) {
		return endpoint().command(args);
	}

}
