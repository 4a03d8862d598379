package io.github.tieredcache.benchmarks.writes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;

/**
 * Kills instances of the sample application with SIGKILL while they queue write-behind
 * writes, and counts the writes lost. Several instances (their own JVMs,
 * {@code java -jar} on the sample's jar with its {@code postgres} profile) share one
 * Redis (a {@code redis-server} started for the run) and one fresh PostgreSQL database; a
 * driver counts views ({@code POST /exploits/{id}/views}, an {@code @WriteBehind} method
 * with the sample's 5 s delay) on keys it owns per thread, recording each key's last
 * acknowledged count. Meanwhile one instance at a time is killed at even intervals and
 * started again. Then the driver stops, the queue is waited for until empty, and every
 * key's row in the database is compared with its last acknowledged count.
 *
 * <p>
 * Prints the writes acknowledged, the instances killed, the queue entries they held when
 * killed (taken over by the survivors), those left pending, the writes lost, and the time
 * from the last write until the queue was empty. Exits with status 1 when a write was
 * lost. {@code benchmarks/run-write-behind-soak.sh} builds the jars and runs it;
 * {@link SoakOptions} lists the options.
 */
public final class WriteBehindSoak {

	private static final String KEY_PREFIX = "soak";

	private static final String CACHE = "exploit-views";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private WriteBehindSoak() {
	}

	public static void main(String[] args) throws Exception {
		SoakOptions options = SoakOptions.parse(args);
		Files.createDirectories(options.out());
		int lost;
		try (RedisServer redis = RedisServers.startDedicated();
				FreshDatabase database = FreshDatabase.create(options.postgres(), options.postgresUser(), "",
						"write_behind_soak");
				QueueState queue = new QueueState(redis.url(), KEY_PREFIX, CACHE)) {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
			List<SampleInstance> instances = new ArrayList<>();
			for (int i = 1; i <= options.instances(); i++) {
				instances.add(new SampleInstance("instance-" + i, freePort(), command(options, redis, database),
						options.out()));
			}
			System.out.printf(Locale.ROOT,
					"Write-behind soak: %d instances of %s, %d s of writes by %d threads to %d keys, %d SIGKILLs, "
							+ "claim-after %d s; Redis %s, PostgreSQL database %s, logs in %s%n",
					options.instances(), options.appJar().getFileName(), options.duration().toSeconds(),
					options.threads(), options.keys(), options.kills(), options.claimAfter().toSeconds(), redis.url(),
					database.name(), options.out());
			try {
				// The first creates the schema and seeds; the others start together
				instances.get(0).start();
				instances.get(0).awaitUp(client, START_TIMEOUT);
				for (SampleInstance instance : instances.subList(1, instances.size())) {
					instance.start();
				}
				for (SampleInstance instance : instances.subList(1, instances.size())) {
					instance.awaitUp(client, START_TIMEOUT);
				}
				lost = soak(options, client, instances, queue, database);
			}
			finally {
				for (SampleInstance instance : instances) {
					instance.stop();
				}
			}
		}
		System.exit((lost == 0) ? 0 : 1);
	}

	private static int soak(SoakOptions options, HttpClient client, List<SampleInstance> instances, QueueState queue,
			FreshDatabase database) throws Exception {
		ViewDriver driver = new ViewDriver(client, instances, options.keys(), options.threads());
		List<Kill> kills = new CopyOnWriteArrayList<>();
		List<Double> takeovers = new CopyOnWriteArrayList<>();
		List<Thread> restarts = new ArrayList<>();
		SplittableRandom random = new SplittableRandom(7);
		long start = System.nanoTime();
		driver.start();
		Duration interval = options.duration().dividedBy(options.kills() + 1);
		for (int k = 1; k <= options.kills(); k++) {
			sleepUntil(start + interval.multipliedBy(k).toNanos());
			List<SampleInstance> up = instances.stream().filter(SampleInstance::isUp).toList();
			while (up.size() < 2) {
				Thread.sleep(200);
				up = instances.stream().filter(SampleInstance::isUp).toList();
			}
			SampleInstance victim = up.get(random.nextInt(up.size()));
			long pid = victim.pid();
			victim.kill();
			long killed = System.nanoTime();
			long held = queue.heldBy(pid);
			Kill kill = new Kill(victim.name(), pid, held, (killed - start) / 1e9);
			kills.add(kill);
			System.out.printf(Locale.ROOT, "  %5.1f s  SIGKILL %s (pid %d): it held %d queue entries%n",
					kill.atSeconds(), kill.instance(), pid, held);
			Thread takeover = new Thread(() -> awaitTakeover(queue, kill, killed, start, takeovers), "takeover-" + pid);
			takeover.setDaemon(true);
			takeover.start();
			Thread restart = new Thread(() -> {
				try {
					victim.start();
					victim.awaitUp(client, START_TIMEOUT);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "restart-" + victim.name());
			restarts.add(restart);
			restart.start();
		}
		sleepUntil(start + options.duration().toNanos());
		driver.stop();
		long lastWrite = System.nanoTime();
		System.out.printf(Locale.ROOT, "  %5.1f s  last write acknowledged; waiting for the queue to drain%n",
				(lastWrite - start) / 1e9);
		long deadline = lastWrite + Duration.ofMinutes(5).toNanos();
		while (!queue.drained()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The queue did not drain within 5 minutes: " + queue.describe());
			}
			Thread.sleep(50);
		}
		double drainSeconds = (System.nanoTime() - lastWrite) / 1e9;
		long heldWhenKilled = 0;
		long leftPending = 0;
		for (Kill kill : kills) {
			heldWhenKilled += kill.held();
			leftPending += queue.heldBy(kill.pid());
		}
		for (Thread restart : restarts) {
			restart.join();
		}
		Map<Long, Long> inDatabase = readViews(database);
		long[] acknowledged = driver.lastAcknowledged();
		int lost = 0;
		int newer = 0;
		List<String> examples = new ArrayList<>();
		for (int i = 0; i < acknowledged.length; i++) {
			if (acknowledged[i] == 0) {
				continue;
			}
			Long stored = inDatabase.get(i + 1L);
			if (stored == null || stored != acknowledged[i]) {
				if (stored != null && stored > acknowledged[i]) {
					newer++;
				}
				lost++;
				if (examples.size() < 10) {
					examples.add("exploit " + (i + 1) + ": acknowledged " + acknowledged[i] + ", database " + stored);
				}
			}
		}
		System.out.println();
		System.out.println("| Measure | Value |");
		System.out.println("|---|---|");
		System.out.printf(Locale.ROOT, "| writes acknowledged | %,d (%,.0f/s) |%n", driver.acknowledged(),
				driver.acknowledged() / ((lastWrite - start) / 1e9));
		System.out.printf(Locale.ROOT,
				"| calls failed by a kill, sent again to another instance | %,d (%d timed out) |%n", driver.failed(),
				driver.timedOut());
		System.out.printf(Locale.ROOT, "| instances killed (SIGKILL) | %d |%n", kills.size());
		System.out.printf(Locale.ROOT, "| queue entries the killed instances held, claimed by survivors | %,d |%n",
				heldWhenKilled - leftPending);
		System.out.printf(Locale.ROOT, "| entries left pending with a killed instance | %,d |%n", leftPending);
		System.out.printf(Locale.ROOT,
				"| writes lost (a key whose row is not its last acknowledged count) | %d of %d keys |%n", lost,
				inDatabase.size());
		List<Double> sorted = takeovers.stream().sorted().toList();
		if (!sorted.isEmpty()) {
			System.out.printf(Locale.ROOT,
					"| time from a kill until survivors had claimed all its entries | median %.1f s, most %.1f s |%n",
					sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
		}
		System.out.printf(Locale.ROOT, "| queue empty after the last write | %.1f s |%n", drainSeconds);
		if (lost > 0) {
			System.out.println("Lost writes (" + newer + " with a newer count than acknowledged): " + examples);
		}
		return lost;
	}

	/**
	 * Waits until no consumer of a killed process holds an entry any more, and records
	 * how long that took from the kill.
	 */
	private static void awaitTakeover(QueueState queue, Kill kill, long killed, long start, List<Double> takeovers) {
		try {
			while (queue.heldBy(kill.pid()) > 0) {
				Thread.sleep(100);
			}
			long now = System.nanoTime();
			takeovers.add((now - killed) / 1e9);
			System.out.printf(Locale.ROOT, "  %5.1f s  survivors claimed the %d entries of %s, %.1f s after the kill%n",
					(now - start) / 1e9, kill.held(), kill.instance(), (now - killed) / 1e9);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<Long, Long> readViews(FreshDatabase database) throws Exception {
		Map<Long, Long> views = new HashMap<>();
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select exploit_id, views from exploit_views")) {
			while (rows.next()) {
				views.put(rows.getLong(1), rows.getLong(2));
			}
		}
		return views;
	}

	private static List<String> command(SoakOptions options, RedisServer redis, FreshDatabase database) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options.javaOptions());
		command.addAll(List.of("-jar", options.appJar().toString(), "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(), "--tiered-cache.key-prefix=" + KEY_PREFIX,
				"--tiered-cache.write-behind.claim-after=" + options.claimAfter().toMillis() + "ms",
				"--sample.database.latency=0", "--management.endpoints.web.exposure.include=health,tieredcache",
				"--spring.main.banner-mode=off"));
		return command;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
		}
	}

	/**
	 * One SIGKILL.
	 *
	 * @param instance the instance
	 * @param pid its process
	 * @param held the queue entries its consumer held, unacknowledged, when it died
	 * @param atSeconds when, from the first write
	 */
	private record Kill(String instance, long pid, long held, double atSeconds) {
	}

}
