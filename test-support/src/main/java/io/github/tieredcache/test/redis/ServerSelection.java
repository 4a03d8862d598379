package io.github.tieredcache.test.redis;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a Redis server comes from and starts it:
 * {@code TIERED_CACHE_TEST_REDIS_URL} (shared server only), else Testcontainers when
 * Docker runs, else a local {@code redis-server} process, else a loud failure (in CI) or
 * an aborted test.
 * <p>
 * Thread-safe if its suppliers are. The Docker probe and binary lookup are passed in so
 * that tests can pretend either is missing.
 */
final class ServerSelection {

	private static final Logger logger = LoggerFactory.getLogger(ServerSelection.class);

	private final HarnessEnvironment environment;

	private final BooleanSupplier dockerAvailable;

	private final Supplier<Optional<RedisBinary>> binary;

	private final AtomicBoolean warned = new AtomicBoolean();

	ServerSelection(HarnessEnvironment environment, BooleanSupplier dockerAvailable,
			Supplier<Optional<RedisBinary>> binary) {
		this.environment = environment;
		this.dockerAvailable = dockerAvailable;
		this.binary = binary;
	}

	/**
	 * Return the selection for this JVM's environment, looking for the binary once.
	 * @return the selection
	 */
	static ServerSelection system() {
		HarnessEnvironment environment = HarnessEnvironment.system();
		return new ServerSelection(environment, DockerAvailability::check, new Supplier<>() {

			// null until the first lookup
			private volatile @Nullable Optional<RedisBinary> located;

			@Override
			public Optional<RedisBinary> get() {
				Optional<RedisBinary> result = this.located;
				if (result == null) {
					result = RedisBinary.locate(environment);
					this.located = result;
				}
				return result;
			}

		});
	}

	/**
	 * Start (or connect to) the server every test class shares.
	 * @return the server; never controllable
	 * @throws TestAbortedException if no server is available outside CI
	 * @throws IllegalStateException if no server is available in CI, or starting failed
	 */
	RedisServer shared() {
		String url = this.environment.redisUrl();
		if (url != null) {
			return ExternalRedisServer.connect(url, this.environment.flushAllowed());
		}
		return new SharedRedisServer(dedicated(true));
	}

	/**
	 * Start a fresh, controllable server, never the one named by the environment.
	 * @return the server
	 * @throws TestAbortedException if no server can be started outside CI
	 * @throws IllegalStateException if no server can be started in CI, or starting failed
	 */
	RedisServer dedicated() {
		return dedicated(false);
	}

	/**
	 * Describe what {@link #shared()} would use, without starting anything.
	 * @return the description
	 */
	String describe() {
		String url = this.environment.redisUrl();
		if (url != null) {
			return "existing server from " + HarnessEnvironment.REDIS_URL;
		}
		if (this.dockerAvailable.getAsBoolean()) {
			return "Testcontainers with image " + this.environment.image();
		}
		return this.binary.get()
			.map((found) -> "redis-server process from " + found + " (no Docker engine)")
			.orElse("none: no " + HarnessEnvironment.REDIS_URL + ", no Docker engine, no redis-server");
	}

	/**
	 * Check, without starting anything, that a server could be had.
	 * @param dedicated whether a dedicated server is needed, for which
	 * {@code TIERED_CACHE_TEST_REDIS_URL} does not count
	 * @throws TestAbortedException if none could be had outside CI
	 * @throws IllegalStateException if none could be had in CI
	 */
	void requireAvailable(boolean dedicated) {
		if (!dedicated && this.environment.redisUrl() != null) {
			return;
		}
		if (!this.dockerAvailable.getAsBoolean() && this.binary.get().isEmpty()) {
			throw unavailable(!dedicated);
		}
	}

	private RedisServer dedicated(boolean forShared) {
		if (this.dockerAvailable.getAsBoolean()) {
			return RedisContainerServer.start(this.environment.image());
		}
		Optional<RedisBinary> found = this.binary.get();
		if (found.isPresent()) {
			return RedisProcessServer.start(found.get());
		}
		throw unavailable(forShared);
	}

	private RuntimeException unavailable(boolean forShared) {
		String url = forShared ? "not set" : "not used for dedicated servers, which must be controllable";
		String message = "No Redis server for tests. Tried: " + HarnessEnvironment.REDIS_URL + " (" + url
				+ "); a Docker engine for Testcontainers (none found); redis-server in " + RedisBinary.searchedPlaces()
				+ " (not found). Fix it in one of these ways: install redis-server (e.g. 'apt-get install "
				+ "redis-server' or 'brew install redis') or set " + HarnessEnvironment.SERVER_BINARY
				+ " to its path; start a Docker engine; or set " + HarnessEnvironment.REDIS_URL
				+ "=redis://host:port to use an existing server (for the shared server only).";
		if (this.warned.compareAndSet(false, true)) {
			logger.warn(message);
		}
		if (this.environment.ci()) {
			return new IllegalStateException(message + " Failing rather than skipping because CI=true.");
		}
		return new TestAbortedException(message + " Skipping the test; with CI=true this is a failure.");
	}

}
