package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One instance of the sample application: a {@code java -jar} process on its own port,
 * logging to its own file (appended to across restarts).
 * <p>
 * Thread-safe: process control is synchronized.
 */
final class SampleInstance {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int index;

	private final int port;

	private final List<String> command;

	private final Path log;

	private @Nullable Process process;

	SampleInstance(int index, int port, List<String> command, Path log) {
		this.index = index;
		this.port = port;
		this.command = List.copyOf(command);
		this.log = log;
	}

	/**
	 * Builds the command line of an instance.
	 * @param jar the sample application's jar
	 * @param heap the maximum heap, such as {@code 384m}
	 * @param port the HTTP port
	 * @param arguments the application's arguments ({@code --name=value})
	 * @return the command
	 */
	static List<String> command(Path jar, String heap, int port, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"--server.port=" + port));
		command.addAll(arguments);
		return command;
	}

	int index() {
		return this.index;
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	Path log() {
		return this.log;
	}

	/**
	 * Starts the process; returns at once (see {@link #awaitReady(Duration)}).
	 */
	synchronized void start() {
		try {
			Files.createDirectories(this.log.toAbsolutePath().getParent());
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start instance " + this.index + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health} answers {@code 200}: started, warmed and
	 * ready.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if the process exits or the time runs out first
	 */
	void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				throw new IllegalStateException("Instance " + this.index + " exited while starting; see " + this.log);
			}
			if (healthStatus() == 200) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				"Instance " + this.index + " was not ready within " + timeout.toSeconds() + " s; see " + this.log);
	}

	private int healthStatus() throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Stops the process gracefully (SIGTERM: Spring Boot shuts down, publishes its
	 * goodbye and runs the write-behind writes it holds) and waits until it has exited;
	 * kills it if it takes longer than 30 s.
	 * @return {@code true} if it exited by itself
	 */
	synchronized boolean stop() throws InterruptedException {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return true;
		}
		running.destroy();
		if (running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			return true;
		}
		kill();
		return false;
	}

	/**
	 * Kills the process (SIGKILL), as a crash would, and waits until it has gone.
	 */
	synchronized void kill() throws InterruptedException {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public String toString() {
		Process running = this.process;
		return "instance " + this.index + " on port " + this.port
				+ ((running != null) ? " (pid " + running.pid() + ")" : "");
	}

}
