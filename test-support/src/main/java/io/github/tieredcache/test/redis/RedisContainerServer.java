package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.Locale;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Redis container started with Testcontainers, persistence off, its port bound to a
 * fixed host port so that {@link #port()} survives {@link #restart()}.
 * <p>
 * Thread-safe: fault-control methods are synchronized. Fault control goes through the
 * Docker API: {@link #stop()} is {@code docker stop}, {@link #kill()} is
 * {@code docker kill} (SIGKILL), {@link #pause()} and {@link #resume()} are
 * {@code docker pause} and {@code docker unpause}. The container is removed by
 * {@link #close()} or, failing that, when the JVM exits.
 * <p>
 * Only load this class when a Docker engine is available.
 */
final class RedisContainerServer implements EndpointRedisServer {

	private static final Logger logger = LoggerFactory.getLogger(RedisContainerServer.class);

	private static final int REDIS_PORT = 6379;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

	private static final int START_ATTEMPTS = 3;

	private final GenericContainer<?> container;

	private final String image;

	private final String containerId;

	private final RedisEndpoint endpoint;

	private final Thread shutdownHook;

	private volatile boolean closed;

	private RedisContainerServer(GenericContainer<?> container, String image, RedisEndpoint endpoint) {
		this.container = container;
		this.image = image;
		this.containerId = container.getContainerId();
		this.endpoint = endpoint;
		this.shutdownHook = ShutdownHooks.add("redis-container-" + endpoint.port(), this::remove);
	}

	/**
	 * Start a Redis container and wait until it answers {@code PING}. Retries with
	 * another host port if the chosen one was taken in the meantime.
	 * @param image the Docker image, Redis 7 or later
	 * @return the running server
	 * @throws IllegalStateException if the container does not start
	 */
	static RedisContainerServer start(String image) {
		RuntimeException failure = null;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			int hostPort = FreePorts.pick();
			GenericContainer<?> container = create(image, hostPort);
			try {
				container.start();
			}
			catch (RuntimeException ex) {
				container.stop();
				if (!portTaken(ex)) {
					throw new IllegalStateException("Could not start a Redis container from image '" + image + "' ("
							+ ex.getMessage() + "); pull it beforehand with 'docker pull " + image + "', set "
							+ HarnessEnvironment.IMAGE + " to a Redis 7+ image you have, or set "
							+ HarnessEnvironment.REDIS_URL + " to use an existing server", ex);
				}
				logger.debug("Host port {} was taken before Docker could bind it, retrying", hostPort);
				failure = ex;
				continue;
			}
			RedisContainerServer server = new RedisContainerServer(container, image,
					RedisEndpoint.of(container.getHost(), hostPort));
			try {
				server.awaitReady();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			logger.info("Started {}", server);
			return server;
		}
		throw new IllegalStateException("Docker found the chosen host port taken " + START_ATTEMPTS
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
		if (!isRunning()) {
			return;
		}
		resume();
		try {
			docker().stopContainerCmd(id()).withTimeout(Math.toIntExact(EXIT_TIMEOUT.toSeconds())).exec();
		}
		catch (NotModifiedException ex) {
			// already stopped
		}
		awaitExit("docker stop");
	}

	@Override
	public synchronized void kill() {
		if (!isRunning()) {
			return;
		}
		try {
			docker().killContainerCmd(id()).exec();
		}
		catch (DockerException ex) {
			if (!isRunning()) {
				return;
			}
			// older engines refuse to kill a paused container
			resume();
			docker().killContainerCmd(id()).exec();
		}
		awaitExit("docker kill");
	}

	@Override
	public synchronized void pause() {
		if (!isRunning()) {
			throw new IllegalStateException("Cannot pause " + this + ": it is not running; call restart() first");
		}
		if (!isPaused()) {
			docker().pauseContainerCmd(id()).exec();
		}
	}

	@Override
	public synchronized void resume() {
		if (isPaused()) {
			docker().unpauseContainerCmd(id()).exec();
		}
	}

	@Override
	public synchronized void restart() {
		if (this.closed) {
			throw new IllegalStateException("Cannot restart " + this + ": it was closed; start a new server with "
					+ "RedisServers.startDedicated()");
		}
		stop();
		docker().startContainerCmd(id()).exec();
		awaitReady();
	}

	@Override
	public boolean isRunning() {
		ContainerState state = state();
		return state != null && Boolean.TRUE.equals(state.getRunning());
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		remove();
		this.closed = true;
		ShutdownHooks.remove(this.shutdownHook);
	}

	@Override
	public String toString() {
		String shortId = this.containerId.substring(0, Math.min(12, this.containerId.length()));
		return "Testcontainers " + this.image + " (container " + shortId + ") on " + this.endpoint.address();
	}

	/**
	 * Define, without starting it, the container for a Redis image bound to a host port.
	 * @param image the Docker image
	 * @param hostPort the host port that Redis's port 6379 is bound to
	 * @return the container definition
	 */
	static GenericContainer<?> create(String image, int hostPort) {
		return new GenericContainer<>(DockerImageName.parse(image)).withExposedPorts(REDIS_PORT)
			.withCommand("redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no",
					"--enable-debug-command", "yes")
			.withCreateContainerCmdModifier((command) -> {
				HostConfig hostConfig = command.getHostConfig();
				if (hostConfig == null) {
					hostConfig = HostConfig.newHostConfig();
					command.withHostConfig(hostConfig);
				}
				hostConfig
					.withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(REDIS_PORT)));
			})
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))
			.withStartupTimeout(STARTUP_TIMEOUT);
	}

	private static boolean portTaken(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (message.contains("port is already allocated") || message.contains("address already in use")) {
				return true;
			}
		}
		return false;
	}

	private void awaitReady() {
		try {
			Await.pong(this.endpoint, READY_TIMEOUT, this::isRunning, toString());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(ex.getMessage() + "\n" + logs(), ex);
		}
	}

	private void awaitExit(String operation) {
		if (!Await.until(() -> !isRunning(), EXIT_TIMEOUT)) {
			throw new IllegalStateException(this + " was still running " + EXIT_TIMEOUT.toSeconds() + " s after "
					+ operation + "; check the Docker engine");
		}
	}

	private boolean isPaused() {
		ContainerState state = state();
		return state != null && Boolean.TRUE.equals(state.getPaused());
	}

	private @Nullable ContainerState state() {
		if (this.closed) {
			return null;
		}
		try {
			return docker().inspectContainerCmd(id()).exec().getState();
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

	private String logs() {
		try {
			return LogTail.of("the container log", this.container.getLogs());
		}
		catch (RuntimeException ex) {
			return "the container log could not be read: " + ex;
		}
	}

	private void remove() {
		try {
			resume();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not unpause {} before removing it", this, ex);
		}
		try {
			this.container.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove {}; remove it with 'docker rm -f'", this, ex);
		}
	}

	private DockerClient docker() {
		return this.container.getDockerClient();
	}

	private String id() {
		return this.containerId;
	}

}
