package io.github.tieredcache.sample.aot;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, built with Spring Boot's ahead-of-time processing, run on the JVM
 * with {@code -Dspring.aot.enabled=true}: two instances on one Redis, so that
 * {@code @Cached} (an L1 hit on one instance, an L2 hit read back from Redis's JSON on
 * the other), {@code @InvalidateOn} after a write reaching the other instance, the
 * start-up warmer, {@code @CachedResponse} and the actuator endpoint all run from the
 * generated bean definitions. Run by failsafe once the jar exists.
 */
class AotApplicationIT {

	private static final HttpClient client = HttpClient.newHttpClient();

	private final List<Process> instances = new ArrayList<>();

	private final String keyPrefix = "aot-" + UUID.randomUUID();

	@AfterEach
	void stop() {
		this.instances.forEach(Process::destroy);
	}

	@Test
	void theAheadOfTimeProcessedApplicationCachesSharesAndInvalidates() throws Exception {
		RedisServer redis = RedisServers.shared();
		Instance a = start(redis);
		Instance b = start(redis);
		assertThat(a.log()).contains("Starting AOT-processed SampleApplication").contains("1 of 1 warmers succeeded");
		String list = a.get("/exploits?chain=polygon").body();
		assertThat(list).contains("\"chain\":\"polygon\"");
		assertThat(a.get("/exploits?chain=polygon").body()).isEqualTo(list);
		assertThat(a.get("/actuator/tieredcache/exploits").body()).contains("\"l1\":{")
			.containsPattern("\"hits\":[1-9]");
		assertThat(b.get("/exploits?chain=polygon").body()).isEqualTo(list);
		assertThat(b.get("/actuator/tieredcache/exploits").body()).containsPattern("\"l2\":\\{\"hits\":1,");
		HttpResponse<String> created = a.send(HttpRequest.newBuilder(a.uri("/exploits"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"chain\":\"polygon\",\"name\":\"AOT bridge replay\",\"severity\":\"high\"}"))
			.build());
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(a.get("/exploits?chain=polygon").body()).contains("AOT bridge replay");
		// Each instance has a database of its own (and its warmer may write its own view
		// of the hot chains), so B's content proves nothing: B counts the invalidation
		// it received from A
		await().atMost(Duration.ofSeconds(10))
			.until(() -> b.get("/actuator/prometheus")
				.body()
				.lines()
				.anyMatch((line) -> line.startsWith("tiered_cache_invalidations_total")
						&& line.contains("cache=\"exploits\"") && line.contains("cause=\"remote\"")
						&& !line.endsWith(" 0.0")));
		assertThat(header(a.get("/public/exploits?chain=gnosis"), "X-Cache")).isEqualTo("MISS");
		assertThat(header(a.get("/public/exploits?chain=gnosis"), "X-Cache")).isEqualTo("HIT");
	}

	private Instance start(RedisServer redis) throws IOException {
		Path log = Files.createTempFile("aot-sample", ".log");
		int port = freePort();
		Process process = new ProcessBuilder(javaBinary(), "-Dspring.aot.enabled=true", "-Xmx384m", "-jar",
				jar().toString(), "--server.port=" + port, "--spring.data.redis.url=" + redis.url(),
				"--tiered-cache.key-prefix=" + this.keyPrefix)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.instances.add(process);
		Instance instance = new Instance(port, log);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("The AOT-processed sample exited:\n" + instance.log());
			}
			return instance.log().contains("Started SampleApplication");
		});
		return instance;
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.toString().endsWith(".jar") && !file.toString().endsWith("-tests.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No sample jar in target/: run through mvn verify"));
		}
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse("");
	}

	private record Instance(int port, Path logFile) {

		URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(uri(path)).build());
		}

		HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}

		String log() throws IOException {
			return Files.readString(this.logFile);
		}

	}

}
