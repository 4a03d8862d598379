package io.github.tieredcache.test.redis;

import java.util.Optional;

import org.opentest4j.TestAbortedException;

/**
 * The {@code redis-server} binary the process-server tests need. Like every Redis test in
 * the project, these never pass by being skipped in CI: without the binary they fail when
 * {@code CI=true} and are skipped, with the fix in the reason, elsewhere.
 */
final class InstalledRedis {

	private InstalledRedis() {
	}

	static RedisBinary binary() {
		Optional<RedisBinary> binary = RedisBinary.locate(HarnessEnvironment.system());
		if (binary.isPresent()) {
			return binary.get();
		}
		String message = "redis-server is not installed (looked in " + RedisBinary.searchedPlaces()
				+ "); install it (e.g. apt-get install redis-server) to run these tests";
		if (HarnessEnvironment.system().ci()) {
			throw new AssertionError(message);
		}
		throw new TestAbortedException(message);
	}

}
