package io.github.tieredcache.test.redis;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The environment variables that steer the harness, read through a lookup function so
 * that tests can supply their own.
 * <p>
 * Immutable and thread-safe if the lookup is. Blank values count as unset.
 */
final class HarnessEnvironment {

	/** Names an existing server to use as the shared server. */
	static final String REDIS_URL = "TIERED_CACHE_TEST_REDIS_URL";

	/** Allows {@code FLUSHALL} on the server named by {@link #REDIS_URL}. */
	static final String ALLOW_FLUSH = "TIERED_CACHE_TEST_REDIS_FLUSH";

	/** Overrides the Docker image used with Testcontainers. */
	static final String IMAGE = "TIERED_CACHE_TEST_REDIS_IMAGE";

	/** Points at the {@code redis-server} binary to start as a process. */
	static final String SERVER_BINARY = "TIERED_CACHE_REDIS_SERVER";

	static final String DEFAULT_IMAGE = "redis:7-alpine";

	private final Function<String, @Nullable String> lookup;

	HarnessEnvironment(Function<String, @Nullable String> lookup) {
		this.lookup = lookup;
	}

	/**
	 * Return the environment of this JVM.
	 * @return the system environment
	 */
	static HarnessEnvironment system() {
		return new HarnessEnvironment(System::getenv);
	}

	@Nullable String redisUrl() {
		return get(REDIS_URL);
	}

	boolean flushAllowed() {
		return "true".equalsIgnoreCase(get(ALLOW_FLUSH));
	}

	String image() {
		String image = get(IMAGE);
		return (image != null) ? image : DEFAULT_IMAGE;
	}

	@Nullable String serverBinary() {
		return get(SERVER_BINARY);
	}

	@Nullable String path() {
		return get("PATH");
	}

	boolean ci() {
		return "true".equalsIgnoreCase(get("CI"));
	}

	private @Nullable String get(String name) {
		String value = this.lookup.apply(name);
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

}
