package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Redis Cluster of {@code redis-server --cluster-enabled yes} processes on free
 * loopback ports, joined with {@code redis-cli --cluster create} and ready
 * ({@code cluster_state:ok}) when {@link #start(int, int)} returns. Persistence is off.
 * <pre class="code">
 * try (RedisCluster cluster = RedisCluster.start(3, 0)) {
 *     new RedisClusterConfiguration(cluster.nodes());
 * }
 * </pre> Needs the {@code redis-server} and {@code redis-cli} binaries (found as for
 * {@link RedisServer}); without them the test is skipped with the fix, or fails when
 * {@code CI=true}, never skipped silently.
 *
 * <p>
 * Thread-safe: fault control is synchronized.
 */
public final class RedisCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisCluster.class);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final RedisBinary server;

	private final Path directory;

	private final List<Node> nodes = new ArrayList<>();

	private final Thread shutdownHook;

	private boolean closed;

	private RedisCluster(RedisBinary server, Path directory) {
		this.server = server;
		this.directory = directory;
		this.shutdownHook = ShutdownHooks.add("redis-cluster-" + directory.getFileName(), this::destroy);
	}

	/**
	 * Starts a cluster and waits until it serves every slot.
	 * @param masters number of masters (at least 3)
	 * @param replicasPerMaster replicas of each master
	 * @return the running cluster
	 * @throws TestAbortedException if {@code redis-server} or {@code redis-cli} is
	 * missing, outside CI
	 * @throws IllegalStateException if they are missing in CI, or the cluster does not
	 * form
	 */
	public static RedisCluster start(int masters, int replicasPerMaster) {
		if (masters < 3) {
			throw new IllegalArgumentException("Redis Cluster needs at least 3 masters but " + masters + " were asked");
		}
		HarnessEnvironment environment = HarnessEnvironment.system();
		RedisBinary server = RedisBinary.locate(environment)
			.orElseThrow(() -> unavailable(environment, "redis-server"));
		Path cli = server.path().resolveSibling("redis-cli");
		if (!Files.isExecutable(cli)) {
			throw unavailable(environment, "redis-cli (looked next to " + server.path() + ")");
		}
		RedisCluster cluster = new RedisCluster(server, createDirectory());
		try {
			int count = masters * (1 + replicasPerMaster);
			for (int i = 0; i < count; i++) {
				cluster.nodes.add(cluster.launch(i, FreePorts.pick()));
			}
			cluster.create(cli, replicasPerMaster);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Returns every node as {@code host:port}, for
	 * {@code RedisClusterConfiguration(Collection<String>)} or
	 * {@code spring.data.redis.cluster.nodes}.
	 * @return the nodes
	 */
	public List<String> nodes() {
		return this.nodes.stream().map((node) -> node.endpoint().address()).toList();
	}

	/**
	 * Sends one command to one node, rendered as {@link RedisServer#command} does.
	 * @param node the node's index in {@link #nodes()}
	 * @param args the command and its arguments
	 * @return the reply, or {@code null} for nil
	 */
	public @Nullable String command(int node, String... args) {
		return this.nodes.get(node).endpoint().command(args);
	}

	/**
	 * Returns the indexes of the nodes that are masters now.
	 * @return the masters' indexes in {@link #nodes()}
	 */
	public List<Integer> masters() {
		List<Integer> masters = new ArrayList<>();
		for (int i = 0; i < this.nodes.size(); i++) {
			Node node = this.nodes.get(i);
			if (node.process().isAlive() && String.valueOf(node.endpoint().command("ROLE")).startsWith("[master")) {
				masters.add(i);
			}
		}
		return masters;
	}

	/**
	 * Kills one node with SIGKILL, as a crash would.
	 * @param node the node's index in {@link #nodes()}
	 */
	public synchronized void kill(int node) {
		Process process = this.nodes.get(node).process();
		process.destroyForcibly();
		awaitExit(process);
	}

	/**
	 * Freezes one node with SIGSTOP: its connections stay open but nothing is answered
	 * until {@link #resume(int)}. Frozen for longer than the node timeout (2 s), a master
	 * is failed over by the others.
	 * @param node the node's index in {@link #nodes()}
	 */
	public synchronized void pause(int node) {
		UnixSignals.stop(this.nodes.get(node).process().pid());
	}

	/**
	 * Unfreezes a node frozen by {@link #pause(int)}.
	 * @param node the node's index in {@link #nodes()}
	 */
	public synchronized void resume(int node) {
		UnixSignals.resume(this.nodes.get(node).process().pid());
	}

	/**
	 * Starts a node again on its port after {@link #kill(int)}, with the cluster
	 * configuration it saved, and waits until it answers {@code PING}. It rejoins the
	 * cluster empty (persistence is off); a master whose replica took over in the
	 * meantime comes back as a replica.
	 * @param node the node's index in {@link #nodes()}
	 * @throws IllegalStateException if the node is still running or does not come back
	 */
	public synchronized void restart(int node) {
		Node current = this.nodes.get(node);
		if (current.process().isAlive()) {
			throw new IllegalStateException("Cluster node " + node + " (" + current.endpoint().address()
					+ ") is still running; kill(" + node + ") it first");
		}
		this.nodes.set(node, launch(node, current.endpoint().port()));
	}

	/**
	 * Returns whether a node's process is running.
	 * @param node the node's index in {@link #nodes()}
	 * @return {@code true} until the node is killed, and again once restarted
	 */
	public boolean isRunning(int node) {
		return this.nodes.get(node).process().isAlive();
	}

	/**
	 * Stops every node and deletes their files. Calling it again does nothing.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		destroy();
		ShutdownHooks.remove(this.shutdownHook);
	}

	private void destroy() {
		for (Node node : this.nodes) {
			node.process().destroyForcibly();
			awaitExit(node.process());
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("Could not delete {}", this.directory, ex);
		}
	}

	@Override
	public String toString() {
		return "Redis Cluster " + nodes();
	}

	private Node launch(int index, int port) {
		RedisBinary server = this.server;
		Path dir = this.directory.resolve("node-" + index);
		try {
			Files.createDirectories(dir);
			Process process = new ProcessBuilder(server.path().toString(), "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
					"--cluster-node-timeout", "2000", "--cluster-replica-validity-factor", "0", "--save", "",
					"--appendonly", "no", "--protected-mode", "no", "--dir", dir.toString(), "--daemonize", "no",
					"--logfile", dir.resolve("redis.log").toString())
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(dir.resolve("redis.out").toFile()))
				.start();
			RedisEndpoint endpoint = RedisEndpoint.of("127.0.0.1", port);
			Await.pong(endpoint, Duration.ofSeconds(10), process::isAlive, "cluster node " + index);
			return new Node(endpoint, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start cluster node " + index + " with " + server, ex);
		}
	}

	private void create(Path cli, int replicas) {
		List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
		command.addAll(nodes());
		command.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
		String output = run(command);
		boolean ready = Await.until(() -> this.nodes.stream()
			.allMatch(
					(node) -> String.valueOf(node.endpoint().command("CLUSTER", "INFO")).contains("cluster_state:ok")),
				READY_TIMEOUT);
		if (!ready) {
			throw new IllegalStateException("Redis Cluster " + nodes() + " did not reach cluster_state:ok within "
					+ READY_TIMEOUT.toSeconds() + " s; redis-cli said:\n" + output);
		}
		logger.info("Started {}", this);
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the cluster", ex);
		}
	}

	private static RuntimeException unavailable(HarnessEnvironment environment, String missing) {
		String message = "A Redis Cluster test needs " + missing + "; install Redis (e.g. apt-get install "
				+ "redis-server, which brings redis-cli) or set " + HarnessEnvironment.SERVER_BINARY + " (searched "
				+ RedisBinary.searchedPlaces() + ").";
		if (environment.ci()) {
			return new IllegalStateException(message + " CI=true, so this is a failure.");
		}
		return new TestAbortedException(message + " Skipping the test; with CI=true this is a failure.");
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("tiered-cache-redis-cluster-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory for the cluster", ex);
		}
	}

	private static void awaitExit(Process process) {
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Node(RedisEndpoint endpoint, Process process) {
	}

}
