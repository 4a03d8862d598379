package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} process started by the harness on a free loopback port, with
 * persistence off and its files in a temporary directory.
 * <p>
 * Thread-safe: fault-control methods are synchronized. Signals: {@link #stop()} sends
 * SIGTERM, {@link #kill()} SIGKILL, {@link #pause()} SIGSTOP and {@link #resume()}
 * SIGCONT. The process is killed by {@link #close()} or, failing that, when the JVM
 * exits.
 */
final class RedisProcessServer implements EndpointRedisServer {

	private static final Logger logger = LoggerFactory.getLogger(RedisProcessServer.class);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private static final int START_ATTEMPTS = 3;

	private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

	private final RedisBinary binary;

	private final Path directory;

	private final RedisEndpoint endpoint;

	private final Thread shutdownHook;

	private volatile @Nullable Process process;

	private boolean paused;

	private boolean closed;

	private RedisProcessServer(RedisBinary binary, Path directory, int port) {
		this.binary = binary;
		this.directory = directory;
		this.endpoint = RedisEndpoint.of("127.0.0.1", port);
		this.shutdownHook = ShutdownHooks.add("redis-server-" + port, this::destroyAndDelete);
	}

	/**
	 * Start {@code redis-server} on a free port and wait until it answers {@code PING}.
	 * Retries on another port if the chosen one was taken in the meantime.
	 * @param binary the executable
	 * @return the running server
	 * @throws IllegalStateException if it does not start, with the end of its log
	 */
	static RedisProcessServer start(RedisBinary binary) {
		PortTakenException failure = null;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			RedisProcessServer server = new RedisProcessServer(binary, createDirectory(), FreePorts.pick());
			try {
				server.launch();
				return server;
			}
			catch (PortTakenException ex) {
				logger.debug("Port {} was taken before redis-server could bind it, retrying", server.port());
				failure = ex;
				server.close();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
		}
		throw new IllegalStateException("redis-server found its port taken " + START_ATTEMPTS
				+ " times in a row; something else is grabbing free ports", failure);
	}

	@Override
	public RedisEndpoint endpoint() {
		return this.endpoint;
	}

	@Override
	public boolean controllable() {
		return true;
	}

	@Override
	public synchronized void stop() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		resume();
		running.destroy();
		if (!awaitExit(running)) {
			logger.warn("redis-server (pid {}) ignored SIGTERM for {} s; killing it", running.pid(),
					EXIT_TIMEOUT.toSeconds());
			kill();
		}
	}

	@Override
	public synchronized void kill() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		running.destroyForcibly();
		this.paused = false;
		if (!awaitExit(running)) {
			throw new IllegalStateException("redis-server (pid " + running.pid() + ") survived SIGKILL for "
					+ EXIT_TIMEOUT.toSeconds() + " s; kill it by hand");
		}
	}

	@Override
	public synchronized void pause() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			throw new IllegalStateException("Cannot pause " + this + ": it is not running; call restart() first");
		}
		if (!this.paused) {
			UnixSignals.stop(running.pid());
			this.paused = true;
		}
	}

	@Override
	public synchronized void resume() {
		Process running = this.process;
		if (this.paused && running != null && running.isAlive()) {
			UnixSignals.resume(running.pid());
		}
		this.paused = false;
	}

	@Override
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("Cannot restart " + this + ": it was closed; start a new server with "
					+ "RedisServers.startDedicated()");
		}
		stop();
		launch();
	}

	@Override
	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		destroyAndDelete();
		ShutdownHooks.remove(this.shutdownHook);
	}

	/**
	 * Return the file Redis logs to, which survives restarts but not {@link #close()}.
	 * @return the log file
	 */
	Path logFile() {
		return this.directory.resolve("redis.log");
	}

	@Override
	public String toString() {
		Process running = this.process;
		String pid = (running != null) ? "pid " + running.pid() + ", " : "";
		return "redis-server process (" + pid + this.binary + ") on " + this.endpoint.address();
	}

	private void launch() {
		Process started;
		try {
			started = new ProcessBuilder(command()).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(outputFile().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.binary + " (" + ex.getMessage() + "); make it "
					+ "executable or set " + HarnessEnvironment.SERVER_BINARY + " to a working redis-server", ex);
		}
		this.process = started;
		this.paused = false;
		String what = "redis-server (pid " + started.pid() + ")";
		try {
			Await.pong(this.endpoint, STARTUP_TIMEOUT, started::isAlive, what);
			requireOwnPort(started);
		}
		catch (RuntimeException ex) {
			destroy(started);
			String message = ex.getMessage() + "\n" + LogTail.of(logFile()) + "\n" + LogTail.of(outputFile());
			if (ex instanceof PortTakenException || message.contains("Address already in use")) {
				throw new PortTakenException(message, ex);
			}
			throw new IllegalStateException(message + "\nFix the cause above, or set " + HarnessEnvironment.REDIS_URL
					+ " to use an existing server.", ex);
		}
		logger.info("Started {}", this);
	}

	private List<String> command() {
		List<String> command = new ArrayList<>(List.of(this.binary.path().toString(), "--port",
				Integer.toString(port()), "--bind", host(), "--save", "", "--appendonly", "no", "--protected-mode",
				"no", "--dir", this.directory.toString(), "--daemonize", "no", "--logfile", logFile().toString()));
		if (this.binary.hasDebugCommandOption()) {
			command.addAll(List.of("--enable-debug-command", "yes"));
		}
		return command;
	}

	private void requireOwnPort(Process started) {
		String info = String.valueOf(this.endpoint.command("INFO", "server"));
		Matcher matcher = PROCESS_ID.matcher(info);
		if (matcher.find() && Long.parseLong(matcher.group(1)) != started.pid()) {
			throw new PortTakenException("Port " + port() + " is answered by another Redis (pid " + matcher.group(1)
					+ "), not by redis-server pid " + started.pid(), null);
		}
	}

	private Path outputFile() {
		return this.directory.resolve("redis.out");
	}

	private void destroyAndDelete() {
		Process running = this.process;
		if (running != null) {
			destroy(running);
		}
		deleteDirectory();
	}

	private static void destroy(Process process) {
		process.destroyForcibly();
		awaitExit(process);
	}

	private static boolean awaitExit(Process process) {
		try {
			return process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(
					"Interrupted while waiting for redis-server (pid " + process.pid() + ") to exit", ex);
		}
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("tiered-cache-redis-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory for redis-server (" + ex.getMessage()
					+ "); check that java.io.tmpdir is writable", ex);
		}
	}

	private void deleteDirectory() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("Could not delete {}", this.directory, ex);
		}
	}

	/**
	 * The port was taken by someone else between picking it and binding it.
	 */
	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
