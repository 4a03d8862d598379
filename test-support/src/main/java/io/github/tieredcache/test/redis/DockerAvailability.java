package io.github.tieredcache.test.redis;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can reach a Docker engine, asked once per JVM.
 * <p>
 * Thread-safe. Any failure of the probe, including Testcontainers missing from the class
 * path, counts as "no Docker". <strong>Hazard:</strong> when there is no engine,
 * Testcontainers logs an error of its own while probing; the harness then falls back.
 */
final class DockerAvailability {

	private static final Logger logger = LoggerFactory.getLogger(DockerAvailability.class);

	private static volatile @Nullable Boolean available;

	private DockerAvailability() {
	}

	/**
	 * Return whether a Docker engine is available, probing on the first call.
	 * @return {@code true} if Testcontainers can start containers
	 */
	static boolean check() {
		Boolean result = available;
		if (result == null) {
			synchronized (DockerAvailability.class) {
				result = available;
				if (result == null) {
					result = probe();
					available = result;
				}
			}
		}
		return result;
	}

	private static boolean probe() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Exception | LinkageError ex) {
			logger.debug("Docker probe failed; treating Docker as unavailable", ex);
			return false;
		}
	}

}
