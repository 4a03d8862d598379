package io.github.tieredcache.benchmarks.soak;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A master and a replica watched by three Sentinels ({@code redis-server --sentinel},
 * quorum 2, {@code down-after-milliseconds} 2000), all processes on free loopback ports,
 * with persistence off. The instances connect through the Sentinels, so a failover is a
 * reconnection for them. Needs {@code redis-server} and {@code redis-cli} on the
 * {@code PATH}; commands go through {@code redis-cli}.
 * <p>
 * Thread-safe: fault control is synchronized.
 */
final class SentinelRedis implements SoakRedis {

	static final String MASTER_NAME = "soak";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final String server;

	private final String cli;

	private final List<Node> data = new ArrayList<>();

	private final List<Node> sentinels = new ArrayList<>();

	private final Thread shutdownHook = new Thread(this::destroy, "soak-sentinel-shutdown");

	private SentinelRedis(Path directory, String server, String cli) {
		this.directory = directory;
		this.server = server;
		this.cli = cli;
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	static SentinelRedis start() throws IOException, InterruptedException {
		String server = executable("redis-server");
		String cli = executable("redis-cli");
		SentinelRedis redis = new SentinelRedis(Files.createTempDirectory("tiered-cache-soak-sentinel-"), server, cli);
		try {
			int masterPort = freePort();
			redis.data.add(redis.launchData(0, masterPort, null));
			redis.data.add(redis.launchData(1, freePort(), masterPort));
			redis.await("the replica to sync", () -> redis.command(redis.data.get(1).port(), "INFO", "replication")
				.contains("master_link_status:up"));
			for (int i = 0; i < 3; i++) {
				redis.sentinels.add(redis.launchSentinel(i, freePort(), masterPort));
			}
			redis.await("the Sentinels to know the replica and each other",
					() -> redis.sentinels.stream()
						.allMatch((sentinel) -> redis.command(sentinel.port(), "SENTINEL", "replicas", MASTER_NAME)
							.contains("127.0.0.1")
								&& redis.command(sentinel.port(), "SENTINEL", "sentinels", MASTER_NAME)
									.lines()
									.filter("runid"::equals)
									.count() == 2));
			return redis;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			redis.close();
			throw ex;
		}
	}

	@Override
	public List<String> applicationArguments(int instance) {
		return List.of("--spring.data.redis.sentinel.master=" + MASTER_NAME,
				"--spring.data.redis.sentinel.nodes=" + this.sentinels.stream()
					.map((sentinel) -> "127.0.0.1:" + sentinel.port())
					.collect(Collectors.joining(",")));
	}

	@Override
	public List<Fault> faults(int instances) {
		Set<Integer> all = IntStream.range(0, instances).boxed().collect(Collectors.toSet());
		return List.of(Fault.of(FaultKind.SENTINEL_FAILOVER, (random) -> {
			int master = master();
			long start = System.nanoTime();
			kill(master);
			return new Fault.Injection("master 127.0.0.1:" + this.data.get(master).port() + " killed", all,
					Duration.ZERO, true, () -> {
						await("a Sentinel failover", () -> master() != master);
						Duration failover = Duration.ofNanos(System.nanoTime() - start);
						restart(master);
						awaitReplica(master);
						return "Sentinel promoted the replica after " + SoakClock.format(failover)
								+ "; the killed node restarted as its replica";
					});
		}), Fault.of(FaultKind.REDIS_PAUSE, (random) -> {
			int master = master();
			Duration frozen = SoakRedis.between(random, Duration.ofSeconds(1), Duration.ofSeconds(5));
			signal("STOP", master);
			return new Fault.Injection("master 127.0.0.1:" + this.data.get(master).port() + " frozen for "
					+ SoakClock.format(frozen) + " (down-after 2 s)", all, frozen, false, () -> {
						signal("CONT", master);
						await("one master and a synced replica", this::settled);
						return (master() != master) ? "Sentinel failed it over meanwhile" : null;
					});
		}), Fault.of(FaultKind.PUBSUB_KILL, (random) -> {
			long killed = 0;
			for (int node = 0; node < this.data.size(); node++) {
				killed += Long.parseLong(command(this.data.get(node).port(), "CLIENT", "KILL", "TYPE", "pubsub"));
			}
			return new Fault.Injection(killed + " subscriber connections killed on master and replica", all,
					Duration.ZERO, false, () -> null);
		}), Fault.of(FaultKind.MAXMEMORY, (random) -> {
			int master = master();
			int port = this.data.get(master).port();
			long limit = SoakRedis.limitBelowUsage(command(port, "INFO", "memory"));
			String policy = SoakRedis.EVICTION_POLICIES.get(random.nextInt(SoakRedis.EVICTION_POLICIES.size()));
			Duration hold = SoakRedis.between(random, Duration.ofSeconds(5), Duration.ofSeconds(15));
			command(port, "CONFIG", "SET", "maxmemory-policy", policy);
			command(port, "CONFIG", "SET", "maxmemory", Long.toString(limit));
			return new Fault.Injection("maxmemory " + SoakRedis.bytes(limit) + " on the master, " + policy + ", for "
					+ SoakClock.format(hold), all, hold, policy.startsWith("allkeys"), () -> {
						command(port, "CONFIG", "SET", "maxmemory", "0");
						command(port, "CONFIG", "SET", "maxmemory-policy", "noeviction");
						return null;
					});
		}));
	}

	@Override
	public long queuedWrites() {
		return Long.parseLong(command(this.data.get(master()).port(), "HLEN", WRITE_BEHIND_STREAM + ":pending"));
	}

	@Override
	public String deadLetters() {
		return command(this.data.get(master()).port(), "XRANGE", WRITE_BEHIND_STREAM + ":dead", "-", "+");
	}

	@Override
	public String describe() {
		return "a master and a replica " + this.data.stream().map((node) -> "127.0.0.1:" + node.port()).toList()
				+ " watched by three Sentinels "
				+ this.sentinels.stream().map((node) -> "127.0.0.1:" + node.port()).toList() + " (master name '"
				+ MASTER_NAME + "', quorum 2, down-after 2 s)";
	}

	@Override
	public void close() {
		destroy();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down and the hook runs anyway
		}
	}

	/**
	 * Returns which data node the Sentinels hold for the master.
	 */
	private synchronized int master() {
		for (Node sentinel : this.sentinels) {
			String address = command(sentinel.port(), "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
			List<String> lines = address.lines().toList();
			if (lines.size() == 2) {
				int port = Integer.parseInt(lines.get(1).strip());
				for (int node = 0; node < this.data.size(); node++) {
					if (this.data.get(node).port() == port) {
						return node;
					}
				}
			}
		}
		throw new IllegalStateException("No Sentinel names a master of " + MASTER_NAME);
	}

	/**
	 * Whether the node the Sentinels name is a master and the other one its synced
	 * replica.
	 */
	private boolean settled() {
		int master = master();
		int replica = 1 - master;
		return command(this.data.get(master).port(), "ROLE").startsWith("master")
				&& command(this.data.get(replica).port(), "INFO", "replication").contains("master_link_status:up");
	}

	private void awaitReplica(int node) throws InterruptedException {
		await("the restarted node to become a synced replica",
				() -> command(this.data.get(node).port(), "INFO", "replication").contains("master_link_status:up"));
	}

	private synchronized void kill(int node) throws InterruptedException {
		Process process = this.data.get(node).process();
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	private synchronized void restart(int node) throws IOException, InterruptedException {
		Node old = this.data.get(node);
		this.data.set(node, launch(old.command(), old.directory(), old.port()));
	}

	private synchronized void signal(String signal, int node) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.data.get(node).process().pid()))
			.redirectErrorStream(true)
			.start();
		if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + signal + " of data node " + node + " failed");
		}
	}

	private Node launchData(int index, int port, @Nullable Integer masterPort)
			throws IOException, InterruptedException {
		Path dir = Files.createDirectories(this.directory.resolve("data-" + index));
		List<String> command = new ArrayList<>(List.of(this.server, "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", dir.toString(),
				"--logfile", dir.resolve("redis.log").toString()));
		if (masterPort != null) {
			command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
		}
		return launch(command, dir, port);
	}

	private Node launchSentinel(int index, int port, int masterPort) throws IOException, InterruptedException {
		Path dir = Files.createDirectories(this.directory.resolve("sentinel-" + index));
		Path config = dir.resolve("sentinel.conf");
		Files.writeString(config,
				String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no", "dir " + dir,
						"logfile " + dir.resolve("sentinel.log"),
						"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
						"sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
						"sentinel failover-timeout " + MASTER_NAME + " 10000",
						"sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
		return launch(List.of(this.server, config.toString(), "--sentinel"), dir, port);
	}

	private Node launch(List<String> command, Path dir, int port) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(dir.resolve("redis.out").toFile()))
			.start();
		Node node = new Node(port, process, command, dir);
		await("redis-server on port " + port + " to answer PING", () -> "PONG".equals(command(port, "PING")));
		return node;
	}

	/**
	 * Sends one command with {@code redis-cli} and returns its raw output, trimmed; an
	 * empty string if the node does not answer.
	 */
	String command(int port, String... args) {
		List<String> command = new ArrayList<>(List.of(this.cli, "-h", "127.0.0.1", "-p", Integer.toString(port)));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return output.strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + this.cli, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out after " + READY_TIMEOUT.toSeconds() + " s waiting for "
						+ what + "; see the logs in " + this.directory);
			}
			Thread.sleep(100);
		}
	}

	private synchronized void destroy() {
		Stream.concat(this.sentinels.stream(), this.data.stream()).forEach((node) -> {
			node.process().destroyForcibly();
			try {
				node.process().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// left in the temporary directory
		}
	}

	private static String executable(String name) {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		for (String folder : List.of("/usr/bin", "/usr/local/bin")) {
			Path candidate = Path.of(folder, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException("The sentinel topology needs " + name + " on the PATH; install Redis "
				+ "(e.g. apt-get install redis-server, which brings redis-cli and Sentinel)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * One {@code redis-server} process and how to start it again.
	 */
	private record Node(int port, Process process, List<String> command, Path directory) {

	}

}
