package io.github.tieredcache.benchmarks.writes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One instance of the sample application in a JVM of its own, on a fixed port: started,
 * killed with SIGKILL ({@link Process#destroyForcibly()}), started again. Its output goes
 * to a log file per start. Driver threads read {@link #isUp()}; the rest is called from
 * one thread.
 */
final class SampleInstance {

	private final String name;

	private final int port;

	private final List<String> command;

	private final Path logDirectory;

	private int starts;

	private volatile @Nullable Process process;

	private volatile boolean up;

	SampleInstance(String name, int port, List<String> command, Path logDirectory) {
		this.name = name;
		this.port = port;
		this.command = command;
		this.logDirectory = logDirectory;
	}

	String name() {
		return this.name;
	}

	URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Starts the process; {@link #isUp()} turns true once its health endpoint answers.
	 */
	void start() throws IOException {
		List<String> all = new ArrayList<>(this.command);
		all.add("--server.port=" + this.port);
		Path log = this.logDirectory.resolve(this.name + "-" + (++this.starts) + ".log");
		this.process = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/**
	 * Waits until the instance answers {@code GET /actuator/health} with 200.
	 * @param client the HTTP client
	 * @param timeout how long to wait
	 * @throws IllegalStateException if it does not, or its process ended
	 */
	void awaitUp(HttpClient client, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited while starting; see its log in " + this.logDirectory);
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					this.up = true;
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				this.name + " not up after " + timeout + "; see its log in " + this.logDirectory);
	}

	boolean isUp() {
		return this.up;
	}

	/**
	 * Returns the process id of the running process.
	 * @return the pid
	 */
	long pid() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return running.pid();
	}

	/**
	 * Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is
	 * gone.
	 */
	void kill() throws InterruptedException {
		this.up = false;
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " (pid " + running.pid() + ") survived SIGKILL");
			}
		}
	}

	/**
	 * Stops the process gracefully (SIGTERM): the instance drains its held writes first.
	 */
	void stop() throws InterruptedException {
		this.up = false;
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroy();
			if (!running.waitFor(60, TimeUnit.SECONDS)) {
				running.destroyForcibly();
			}
		}
	}

}
