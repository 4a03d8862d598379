package io.github.tieredcache.test.redis;

/**
 * Base for the servers a test may use but must not control: the shared server and one
 * named by {@code TIERED_CACHE_TEST_REDIS_URL}. It refuses fault control with an
 * {@link UnsupportedOperationException} that says why and names the fix, and
 * {@link #close()} leaves the server alone.
 * <p>
 * Thread-safe: it holds no state of its own.
 */
abstract class UncontrollableRedisServer implements RedisServer {

	@Override
	public final boolean controllable() {
		return false;
	}

	@Override
	public final void stop() {
		throw refused("stop()");
	}

	@Override
	public final void kill() {
		throw refused("kill()");
	}

	@Override
	public final void pause() {
		throw refused("pause()");
	}

	@Override
	public final void resume() {
		throw refused("resume()");
	}

	@Override
	public final void restart() {
		throw refused("restart()");
	}

	@Override
	public final void close() {
	}

	/**
	 * Return the exception for a refused fault-control call, saying why this server may
	 * not be controlled and how a fault test gets a server it may control.
	 * @param operation the refused call, for example {@code "kill()"}
	 * @return the exception to throw
	 */
	abstract UnsupportedOperationException refused(String operation);

}
