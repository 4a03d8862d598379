package io.github.tieredcache.write;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.write.ViewCounters.Run;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @WriteBehind} across a real process death: an instance in a child JVM
 * ({@link ViewCountersProcess}) holds the queued entries and is in the middle of four
 * writes (their keys locked, their transactions open) when it gets SIGKILL; the instance
 * in this JVM takes the entries over once they are idle for {@code claim-after}, waits
 * out the dead instance's locks and runs every key's last write. Both instances share one
 * Redis and one database (H2 over TCP).
 */
@RealRedis
@Tag("fault")
class WriteBehindProcessKillTests {

	private static final Duration DELAY = Duration.ofSeconds(10);

	private final List<String> childOutput = new CopyOnWriteArrayList<>();

	private Server database;

	private Process child;

	private ConfigurableApplicationContext survivor;

	private String keyPrefix;

	@BeforeEach
	void start() throws Exception {
		this.database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		this.keyPrefix = "wb-kill-" + UUID.randomUUID();
		ViewCounters.runs.clear();
		ViewCounters.holds.clear();
		ViewCounters.failuresLeft.clear();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.child != null) {
			this.child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.survivor != null) {
			this.survivor.close();
		}
		this.database.stop();
	}

	@Test
	void writesHeldByAKilledProcessAreTakenOverByAnotherInstanceAndNoneIsLost(RedisServer redis) throws Exception {
		List<String> args = arguments(redis);
		this.child = startChild(args);
		await().atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(100))
			.alias("the child process to hold its writes; its output: " + this.childOutput)
			.until(() -> ready() || !this.child.isAlive());
		assertThat(ready()).as("child process ready; its output: %s", this.childOutput).isTrue();
		String stream = this.keyPrefix + ":~write-behind:{" + this.keyPrefix + ":views}";
		assertThat(pendingEntries(redis, stream)).as("entries the child holds").isEqualTo(ViewCountersProcess.HELD);

		this.survivor = new SpringApplicationBuilder(ViewsApplication.class).web(WebApplicationType.NONE)
			.run(withInstance(args, "survivor"));
		this.child.destroyForcibly();
		assertThat(this.child.waitFor(10, TimeUnit.SECONDS)).as("child process killed").isTrue();
		ViewsApplication.clock.advance(DELAY);

		ViewCounters counters = this.survivor.getBean(ViewCounters.class);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.alias("every key's last write in the database; runs: " + ViewCounters.runs)
			.until(() -> lastWritesInDatabase(counters) == ViewCountersProcess.KEYS);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "0".equals(redis.command("XLEN", stream)) && pendingEntries(redis, stream) == 0);
		assertThat(redis.command("HLEN", stream + ":pending")).as("keys with a queued write").isEqualTo("0");
		List<Long> keysRun = ViewCounters.runs.stream()
			.filter((run) -> !run.started())
			.map(Run::id)
			.distinct()
			.sorted()
			.toList();
		assertThat(keysRun).as("keys whose write this JVM's instance ran").hasSize(ViewCountersProcess.KEYS);
		assertThat(ViewCounters.runs).allMatch((run) -> run.instance().equals("survivor"))
			.allMatch((run) -> run.count() == run.id() * 100 + ViewCountersProcess.WRITES);
	}

	private List<String> arguments(RedisServer redis) {
		String jdbc = "jdbc:h2:tcp://127.0.0.1:" + this.database.getPort() + "/mem:views-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1";
		return List.of("--spring.datasource.url=" + jdbc, "--spring.data.redis.url=" + redis.url(),
				"--tiered-cache.key-prefix=" + this.keyPrefix, "--tiered-cache.caches.views.ttl=10m",
				"--tiered-cache.caches.views.write-behind.delay=" + DELAY, "--tiered-cache.write-behind.claim-after=1s",
				"--tiered-cache.write-behind.shutdown-timeout=1s", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN");
	}

	private static String[] withInstance(List<String> args, String instance) {
		List<String> all = new ArrayList<>(args);
		all.add("--instance=" + instance);
		return all.toArray(String[]::new);
	}

	private Process startChild(List<String> args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), ViewCountersProcess.class.getName()));
		command.addAll(List.of(withInstance(args, "child")));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(this.childOutput::add);
			}
			catch (Exception ex) {
				this.childOutput.add("(output unreadable: " + ex + ")");
			}
		}, "child-process-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	private boolean ready() {
		return this.childOutput.stream().anyMatch((line) -> line.startsWith(ViewCountersProcess.READY));
	}

	private static int lastWritesInDatabase(ViewCounters counters) {
		int written = 0;
		for (long id = 1; id <= ViewCountersProcess.KEYS; id++) {
			Long views = counters.inDatabase(id);
			if (views != null && views == id * 100 + ViewCountersProcess.WRITES) {
				written++;
			}
		}
		return written;
	}

	/**
	 * Returns the number of entries delivered to a consumer and not yet acknowledged.
	 */
	private static long pendingEntries(RedisServer redis, String stream) {
		String summary = redis.command("XPENDING", stream, WriteBehindStream.GROUP);
		// [count, lowest id, highest id, [[consumer, count], ...]]
		return Long.parseLong(summary.substring(1, summary.indexOf(',')).strip());
	}

}
