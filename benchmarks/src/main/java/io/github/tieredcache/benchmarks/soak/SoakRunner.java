package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.github.tieredcache.benchmarks.soak.SoakAnalysis.SoakFindings;

/**
 * Runs a chaos soak of the sample application and writes its report.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.soak.SoakRunner \
 *     --topology=standalone --duration=10m --seed=42
 * </pre>
 *
 * It starts a Redis of its own in the chosen topology and a fresh shared database, then
 * the instances (the first alone, as it creates the schema and seeds the data), sends
 * load for the warm-up, and then for the measured time while a {@link FaultInjector}
 * injects faults one after another. At the end it stops the clients, waits for queued
 * write-behind writes, stops the instances gracefully, reads the view counts from the
 * database, and writes {@code report.md}, {@code hit-ratio.png} and {@code summary.json}.
 * The exit status is 0 if the run {@link SoakReport#passed() passed}, 1 if not, 2 for bad
 * arguments. Options: {@link SoakOptions}.
 */
public final class SoakRunner {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	/**
	 * Longest wait for queued view counts to reach the database at the end: the sample's
	 * {@code write-behind.delay} (5 s) after {@code write-behind.claim-after} (30 s, for
	 * writes a killed instance held), and some.
	 */
	private static final Duration WRITE_BEHIND_SETTLE = Duration.ofSeconds(50);

	private SoakRunner() {
	}

	public static void main(String[] args) throws Exception {
		SoakOptions options;
		try {
			options = SoakOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		SoakReport report = run(options);
		Path markdown = report.write(options.out());
		System.out.println();
		System.out.println(report.markdown());
		System.out.println("Report: " + markdown.toAbsolutePath());
		System.exit(report.passed() ? 0 : 1);
	}

	/**
	 * Runs a soak.
	 * @param options the options
	 * @return its report, not yet written
	 * @throws Exception if the soak could not be set up or run
	 */
	public static SoakReport run(SoakOptions options) throws Exception {
		System.out.println("Soak: " + options.topology().name().toLowerCase(Locale.ROOT) + ", seed " + options.seed()
				+ ", " + options.duration().toSeconds() + " s after a " + options.warmup().toSeconds()
				+ " s warm-up, faults " + options.faults());
		SoakClock clock = new SoakClock();
		Path jar = appJar(options);
		Files.createDirectories(options.out());
		try (SoakDatabase database = SoakDatabase.start(options); SoakRedis redis = startRedis(options)) {
			System.out.println("Database: " + database.describe());
			System.out.println("Redis: " + redis.describe());
			SampleFleet fleet = new SampleFleet(instances(options, jar, redis, database));
			try {
				fleet.start();
				System.out.println("Instances ready: " + fleet);
				return measure(options, clock, redis, database, fleet);
			}
			finally {
				fleet.close();
			}
		}
	}

	private static SoakReport measure(SoakOptions options, SoakClock clock, SoakRedis redis, SoakDatabase database,
			SampleFleet fleet) throws Exception {
		TierPoller poller = new TierPoller(fleet, POLL_INTERVAL, clock);
		poller.start();
		SoakLoad load = new SoakLoad(options, fleet, clock);
		FaultInjector injector = new FaultInjector(FaultInjector.enabled(redis, fleet, options.faults()), options,
				clock, poller);
		long measureStart;
		long measureEnd;
		try {
			load.start();
			Thread.sleep(options.warmup().toMillis());
			load.measure();
			measureStart = clock.now();
			System.out.println("[" + SoakClock.format(measureStart) + "] measuring");
			injector.start();
			Thread.sleep(options.duration().toMillis());
			// the fault in progress heals and recovers before measuring stops
			injector.close();
			measureEnd = clock.now();
		}
		finally {
			load.close();
			poller.close();
		}
		System.out.println("[" + SoakClock.format(measureEnd) + "] measured; waiting for queued write-behind writes");
		long queued = settle(redis);
		System.out.println("[" + SoakClock.format(clock.now()) + "] " + queued
				+ " keys with queued writes left; stopping the instances");
		String deadLetters = redis.deadLetters();
		Files.writeString(options.out().resolve("dead-letters.txt"), deadLetters + "\n");
		fleet.close();
		Map<Long, Long> databaseCounts = database.viewCounts();
		SoakLoad.Counts counts = load.counts();
		ViewLedger views = load.views();
		SoakFindings findings = SoakAnalysis.analyze(options, measureStart, measureEnd, counts,
				load.stale().staleReads(), views.regressions(), views.lastCounts(), databaseCounts,
				views.acknowledged(), views.jumps(), injector.records(), poller.ticks());
		return new SoakReport(options, redis.describe(), database.describe(), findings, measureStart);
	}

	/**
	 * Waits until no view count waits in Redis any more, for at most
	 * {@link #WRITE_BEHIND_SETTLE}.
	 * @return how many keys still have a queued write
	 */
	private static long settle(SoakRedis redis) throws InterruptedException {
		long deadline = System.nanoTime() + WRITE_BEHIND_SETTLE.toNanos();
		long queued = redis.queuedWrites();
		while (queued > 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			queued = redis.queuedWrites();
		}
		return queued;
	}

	private static SoakRedis startRedis(SoakOptions options) throws IOException, InterruptedException {
		return switch (options.topology()) {
			case STANDALONE -> StandaloneRedis.start();
			case CLUSTER -> ClusterRedis.start();
			case SENTINEL -> SentinelRedis.start();
		};
	}

	private static List<SampleInstance> instances(SoakOptions options, Path jar, SoakRedis redis, SoakDatabase database)
			throws IOException {
		List<SampleInstance> instances = new ArrayList<>();
		for (int i = 0; i < options.instances(); i++) {
			int port = freePort();
			List<String> arguments = new ArrayList<>(List.of("--sample.local-redis.enabled=false",
					"--spring.docker.compose.enabled=false", "--tiered-cache.defaults.l1.ttl=" + options.l1Ttl(),
					"--management.endpoints.web.exposure.include=health,prometheus,tieredcache"));
			arguments.addAll(redis.applicationArguments(i));
			arguments.addAll(database.applicationArguments());
			arguments.addAll(options.appArguments());
			instances.add(new SampleInstance(i, port, SampleInstance.command(jar, options.appHeap(), port, arguments),
					options.out().resolve("instance-" + i + ".log")));
		}
		return instances;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Returns the sample application's jar: the one given, or the one built in
	 * {@code sample-app/target} (looked for from the working directory and its parent).
	 */
	static Path appJar(SoakOptions options) throws IOException {
		if (options.appJar() != null) {
			if (!Files.isRegularFile(options.appJar())) {
				throw new IllegalArgumentException("--app-jar " + options.appJar() + " is not a file");
			}
			return options.appJar();
		}
		for (Path target : List.of(Path.of("sample-app/target"), Path.of("../sample-app/target"))) {
			if (Files.isDirectory(target)) {
				try (Stream<Path> files = Files.list(target)) {
					Path jar = files
						.filter((file) -> file.getFileName().toString().matches("tiered-cache-sample-app-.*\\.jar"))
						.findFirst()
						.orElse(null);
					if (jar != null) {
						return jar;
					}
				}
			}
		}
		throw new IllegalArgumentException("No sample application jar in sample-app/target; build it with "
				+ "./mvnw -B -q -pl sample-app -am package -DskipTests, or pass --app-jar");
	}

}
