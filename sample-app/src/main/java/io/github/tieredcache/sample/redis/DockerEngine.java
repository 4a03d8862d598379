package io.github.tieredcache.sample.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks the {@code docker} command whether a Docker engine is running. Spring Boot's
 * Docker Compose support needs one, and fails start-up when the {@code docker} command
 * exists but no engine answers.
 */
final class DockerEngine {

	private DockerEngine() {
	}

	/**
	 * Run {@code docker info} and wait for it.
	 * @param timeout how long to wait
	 * @return {@code true} if it succeeded in time; {@code false} if there is no
	 * {@code docker} command, no engine, or no answer in time
	 */
	static boolean isRunning(Duration timeout) {
		try {
			Process docker = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!docker.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				docker.destroyForcibly();
				return false;
			}
			return docker.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
