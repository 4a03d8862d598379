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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Redis Sentinel group on free loopback ports: one master, its replicas
 * ({@code redis-server --replicaof}) and three sentinels ({@code redis-server <conf>
 * --sentinel}, each with its own configuration file) that monitor the master under
 * {@link #MASTER_NAME} with a quorum of two. The master is declared down after
 * {@link #DOWN_AFTER} without an answer, so a failover completes a few seconds after
 * {@link #killMaster()} or {@link #pauseMaster()}. Persistence is off. <pre class="code">
 * try (RedisSentinelGroup group = RedisSentinelGroup.start(2)) {
 *     new RedisSentinelConfiguration(group.masterName(), Set.copyOf(group.sentinels()));
 *     String old = group.killMaster();
 *     String elected = group.awaitNewMaster(old);
 * }
 * </pre> {@link #start(int)} returns once the replicas are in sync and every sentinel
 * knows the replicas and can reach a quorum, so that a failover can happen at once.
 * <p>
 * Always local {@code redis-server} processes (found as for {@link RedisServer}), even
 * where Docker runs: sentinels announce the addresses they see, and container addresses
 * would not be reachable from the test. Without the binary the test is skipped with the
 * fix, or fails when {@code CI=true}, never skipped silently.
 *
 * <p>
 * Thread-safe: fault control is synchronized, and every query uses its own connection.
 *
 * <p>
 * Longer than most classes here: its length is the waits (replicas in sync, sentinels
 * agreeing, a new master elected) that make a Sentinel test deterministic.
 */
public final class RedisSentinelGroup implements AutoCloseable {

	/**
	 * The name under which the sentinels monitor the master
	 * ({@code spring.data.redis.sentinel.master}).
	 */
	public static final String MASTER_NAME = "tiered-cache";

	/**
	 * How long the master may stay silent before the sentinels declare it down
	 * ({@code down-after-milliseconds}).
	 */
	public static final Duration DOWN_AFTER = Duration.ofMillis(2000);

	/**
	 * The sentinels' {@code failover-timeout}; a failover that failed (a split vote) is
	 * tried again after twice this.
	 */
	public static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How long {@link #awaitNewMaster(String)} waits: a split vote or two, on a loaded
	 * machine.
	 */
	public static final Duration FAILOVER_PATIENCE = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(RedisSentinelGroup.class);

	private static final int SENTINELS = 3;

	private static final int QUORUM = 2;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

	private final Path directory;

	private final List<Node> servers = new ArrayList<>();

	private final List<Node> sentinelNodes = new ArrayList<>();

	private final List<Node> paused = new ArrayList<>();

	private final Thread shutdownHook;

	private boolean closed;

	private RedisSentinelGroup(Path directory) {
		this.directory = directory;
		this.shutdownHook = ShutdownHooks.add("redis-sentinel-" + directory.getFileName(), this::destroy);
	}

	/**
	 * Starts a master, its replicas and three sentinels, and waits until a failover can
	 * happen.
	 * @param replicas number of replicas (at least 1, to have one to promote)
	 * @return the running group
	 * @throws TestAbortedException if {@code redis-server} is missing, outside CI
	 * @throws IllegalStateException if it is missing in CI, or the group does not become
	 * ready within a minute
	 */
	public static RedisSentinelGroup start(int replicas) {
		if (replicas < 1) {
			throw new IllegalArgumentException(
					"A Sentinel group needs at least 1 replica to fail over to but " + replicas + " were asked");
		}
		HarnessEnvironment environment = HarnessEnvironment.system();
		RedisBinary binary = RedisBinary.locate(environment).orElseThrow(() -> unavailable(environment));
		RedisSentinelGroup group = new RedisSentinelGroup(createDirectory());
		try {
			Node master = group.launchServer(binary, "master", List.of());
			group.servers.add(master);
			for (int i = 1; i <= replicas; i++) {
				group.servers.add(group.launchServer(binary, "replica-" + i,
						List.of("--replicaof", master.endpoint().host(), Integer.toString(master.endpoint().port()))));
			}
			for (int i = 1; i <= SENTINELS; i++) {
				group.sentinelNodes.add(group.launchSentinel(binary, "sentinel-" + i, master.endpoint()));
			}
			group.awaitReady(replicas);
			return group;
		}
		catch (RuntimeException ex) {
			group.close();
			throw ex;
		}
	}

	/**
	 * Returns the name under which the sentinels monitor the master.
	 * @return {@link #MASTER_NAME}
	 */
	public String masterName() {
		return MASTER_NAME;
	}

	/**
	 * Returns every sentinel as {@code host:port}, for
	 * {@code spring.data.redis.sentinel.nodes} (joined with commas) or
	 * {@code RedisSentinelConfiguration}.
	 * @return the sentinels
	 */
	public List<String> sentinels() {
		return this.sentinelNodes.stream().map((node) -> node.endpoint().address()).toList();
	}

	/**
	 * Returns the master as the first sentinel that answers reports it
	 * ({@code SENTINEL get-master-addr-by-name}); right after a failover sentinels may
	 * disagree for a moment, see {@link #awaitNewMaster(String)}.
	 * @return the master's {@code host:port}
	 * @throws IllegalStateException if no sentinel answers
	 */
	public String master() {
		for (Node sentinel : this.sentinelNodes) {
			String address = reportedMaster(sentinel);
			if (address != null) {
				return address;
			}
		}
		throw new IllegalStateException("No sentinel of " + this + " reported a master for " + MASTER_NAME);
	}

	/**
	 * Returns the replicas and the master, whichever role each has now, as
	 * {@code host:port}.
	 * @return the data nodes
	 */
	public List<String> servers() {
		return this.servers.stream().map((node) -> node.endpoint().address()).toList();
	}

	/**
	 * Sends one command to one data node or sentinel over a fresh connection, rendered as
	 * {@link RedisServer#command} does.
	 * @param address the node's {@code host:port}, from {@link #master()},
	 * {@link #servers()} or {@link #sentinels()}
	 * @param args the command and its arguments
	 * @return the reply, or {@code null} for nil
	 * @throws UncheckedIOException if the node does not answer (killed or paused)
	 */
	public @Nullable String command(String address, String... args) {
		return node(address).endpoint().command(args);
	}

	/**
	 * Kills the current master with SIGKILL, as a crash would; the sentinels then elect
	 * one of its replicas.
	 * @return the killed master's {@code host:port}
	 */
	public synchronized String killMaster() {
		String address = master();
		Node master = node(address);
		master.process().destroyForcibly();
		awaitExit(master.process());
		this.paused.remove(master);
		logger.info("Killed the master {} of {}", address, this);
		return address;
	}

	/**
	 * Freezes the current master with SIGSTOP, as a hung process or a network that drops
	 * its packets would: clients stay connected to it but get no answer. The sentinels
	 * then elect one of its replicas; {@link #resume()} lets the old master rejoin, as a
	 * replica of the new one.
	 * @return the frozen master's {@code host:port}
	 */
	public synchronized String pauseMaster() {
		String address = master();
		Node master = node(address);
		UnixSignals.stop(master.process().pid());
		this.paused.add(master);
		logger.info("Froze the master {} of {}", address, this);
		return address;
	}

	/**
	 * Resumes every node frozen by {@link #pauseMaster()}.
	 */
	public synchronized void resume() {
		for (Node node : this.paused) {
			if (node.process().isAlive()) {
				UnixSignals.resume(node.process().pid());
			}
		}
		this.paused.clear();
	}

	/**
	 * Waits until every sentinel reports the same master, other than the previous one,
	 * and that server answers as a master.
	 * @param previous the master before the failover, as returned by
	 * {@link #killMaster()} or {@link #pauseMaster()}
	 * @return the new master's {@code host:port}
	 * @throws IllegalStateException if no new master is elected within
	 * {@link #FAILOVER_PATIENCE}
	 */
	public String awaitNewMaster(String previous) {
		String[] elected = new String[1];
		boolean done = Await.until(() -> {
			String agreed = agreedMaster();
			if (agreed == null || agreed.equals(previous) || !answersAsMaster(agreed)) {
				return false;
			}
			elected[0] = agreed;
			return true;
		}, FAILOVER_PATIENCE);
		if (!done) {
			throw new IllegalStateException("The sentinels of " + this + " did not elect a new master in place of "
					+ previous + " within " + FAILOVER_PATIENCE.toSeconds() + " s; they report "
					+ this.sentinelNodes.stream().map(RedisSentinelGroup::reportedMaster).toList() + "\n"
					+ LogTail.of(this.sentinelNodes.get(0).directory().resolve("redis.log")));
		}
		logger.info("The sentinels of {} elected {} in place of {}", this, elected[0], previous);
		return Objects.requireNonNull(elected[0]);
	}

	/**
	 * Kills every process and deletes their files. Calling it again does nothing.
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

	@Override
	public String toString() {
		return "Redis Sentinel group " + MASTER_NAME + " (sentinels " + sentinels() + ", servers " + servers() + ")";
	}

	private void destroy() {
		for (Node node : Stream.concat(this.sentinelNodes.stream(), this.servers.stream()).toList()) {
			// SIGKILL ends a stopped process too
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

	private Node launchServer(RedisBinary binary, String name, List<String> extra) {
		int port = FreePorts.pick();
		Path dir = createNodeDirectory(name);
		List<String> command = new ArrayList<>(List.of(binary.path().toString(), "--port", Integer.toString(port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir",
				dir.toString(), "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
		command.addAll(extra);
		return launch(name, port, dir, command);
	}

	private Node launchSentinel(RedisBinary binary, String name, RedisEndpoint master) {
		int port = FreePorts.pick();
		Path dir = createNodeDirectory(name);
		// Sentinels rewrite their configuration file (what they learn about replicas,
		// other sentinels and failovers), so each needs a writable file of its own
		List<String> configuration = List.of("port " + port, "bind 127.0.0.1", "protected-mode no", "daemonize no",
				"dir " + dir, "logfile " + dir.resolve("redis.log"),
				"sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port() + " " + QUORUM,
				"sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
				"sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT.toMillis(),
				"sentinel parallel-syncs " + MASTER_NAME + " 1");
		Path file = dir.resolve("sentinel.conf");
		try {
			Files.write(file, configuration, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
		return launch(name, port, dir, List.of(binary.path().toString(), file.toString(), "--sentinel"));
	}

	private Node launch(String name, int port, Path dir, List<String> command) {
		Process process;
		try {
			process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(dir.resolve("redis.out").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + command.get(0) + " for the " + name, ex);
		}
		Node node = new Node(name, RedisEndpoint.of("127.0.0.1", port), process, dir);
		try {
			Await.pong(node.endpoint(), STARTUP_TIMEOUT, process::isAlive, "the " + name + " of a Sentinel group");
		}
		catch (RuntimeException ex) {
			process.destroyForcibly();
			throw new IllegalStateException(ex.getMessage() + "\n" + LogTail.of(dir.resolve("redis.log")) + "\n"
					+ LogTail.of(dir.resolve("redis.out")), ex);
		}
		return node;
	}

	/**
	 * Until the replicas are online and every sentinel has found them and the other
	 * sentinels: only then can the sentinels agree on a failover and pick a replica.
	 */
	private void awaitReady(int replicas) {
		Node master = this.servers.get(0);
		boolean ready = Await.until(
				() -> countOnlineReplicas(master) == replicas
						&& this.sentinelNodes.stream().allMatch((sentinel) -> knowsEverything(sentinel, replicas)),
				READY_TIMEOUT);
		if (!ready) {
			throw new IllegalStateException(this + " did not become ready within " + READY_TIMEOUT.toSeconds()
					+ " s (replicas online, sentinels aware of them and of each other)\n"
					+ LogTail.of(this.sentinelNodes.get(0).directory().resolve("redis.log")));
		}
		logger.info("Started {}", this);
	}

	private static int countOnlineReplicas(Node master) {
		String info = String.valueOf(query(master, "INFO", "replication"));
		return (int) info.lines().filter((line) -> line.startsWith("slave") && line.contains("state=online")).count();
	}

	private static boolean knowsEverything(Node sentinel, int replicas) {
		Object known = query(sentinel, "SENTINEL", "REPLICAS", MASTER_NAME);
		Object quorum = query(sentinel, "SENTINEL", "CKQUORUM", MASTER_NAME);
		return known instanceof List<?> list && list.size() == replicas && quorum instanceof String reply
				&& reply.startsWith("OK " + SENTINELS + " ");
	}

	private @Nullable String agreedMaster() {
		String agreed = null;
		for (Node sentinel : this.sentinelNodes) {
			String reported = reportedMaster(sentinel);
			if (reported == null || (agreed != null && !agreed.equals(reported))) {
				return null;
			}
			agreed = reported;
		}
		return agreed;
	}

	private boolean answersAsMaster(String address) {
		Object role = query(node(address), "ROLE");
		return role instanceof List<?> list && !list.isEmpty() && "master".equals(list.get(0));
	}

	private static @Nullable String reportedMaster(Node sentinel) {
		Object reply = query(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
		if (reply instanceof List<?> address && address.size() == 2) {
			return address.get(0) + ":" + address.get(1);
		}
		return null;
	}

	/**
	 * Sends a command, returning the raw reply, or {@code null} if the node does not
	 * answer or answers with an error.
	 */
	private static @Nullable Object query(Node node, String... args) {
		try (RespClient client = node.endpoint().connect(QUERY_TIMEOUT)) {
			return client.send(args);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private Node node(String address) {
		return Stream.concat(this.servers.stream(), this.sentinelNodes.stream())
			.filter((node) -> node.endpoint().address().equals(address))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(address + " is not a node of " + this));
	}

	private Path createNodeDirectory(String name) {
		Path dir = this.directory.resolve(name);
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + dir, ex);
		}
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("tiered-cache-redis-sentinel-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory for the Sentinel group ("
					+ ex.getMessage() + "); check that java.io.tmpdir is writable", ex);
		}
	}

	private static RuntimeException unavailable(HarnessEnvironment environment) {
		String message = "A Redis Sentinel test needs redis-server; install Redis (e.g. apt-get install redis-server) "
				+ "or set " + HarnessEnvironment.SERVER_BINARY + " (searched " + RedisBinary.searchedPlaces() + ").";
		if (environment.ci()) {
			return new IllegalStateException(message + " CI=true, so this is a failure.");
		}
		return new TestAbortedException(message + " Skipping the test; with CI=true this is a failure.");
	}

	private static void awaitExit(Process process) {
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Node(String name, RedisEndpoint endpoint, Process process, Path directory) {
	}

}
