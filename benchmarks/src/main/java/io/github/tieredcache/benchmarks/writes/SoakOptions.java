package io.github.tieredcache.benchmarks.writes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The soak's command line, {@code --name=value} each; unknown names are refused.
 *
 * @param appJar the sample application's jar
 * @param instances instances running at once
 * @param duration how long the driver writes
 * @param kills instances killed with SIGKILL during that time, evenly spaced
 * @param keys exploits whose views are written, ids from 1
 * @param threads driver threads; each owns a share of the keys, so one key's writes are
 * sequential and its last acknowledged value is known
 * @param claimAfter the instances' {@code tiered-cache.write-behind.claim-after}
 * @param postgres the PostgreSQL server, {@code jdbc:postgresql://host:port/}
 * @param postgresUser a user allowed to create databases
 * @param javaOptions options of the instances' JVMs, space-separated
 * @param out the directory for the instances' logs
 */
record SoakOptions(Path appJar, int instances, Duration duration, int kills, int keys, int threads, Duration claimAfter,
		String postgres, String postgresUser, List<String> javaOptions, Path out) {

	private static final Set<String> NAMES = Set.of("app-jar", "instances", "duration", "kills", "keys", "threads",
			"claim-after", "postgres", "postgres-user", "java-options", "out");

	SoakOptions {
		if (instances < 2) {
			throw new IllegalArgumentException(
					"--instances must be at least 2 (one must survive) but was " + instances);
		}
		if (kills < 0 || threads < 1 || keys < threads) {
			throw new IllegalArgumentException("--kills must not be negative, --threads at least 1 and --keys at least "
					+ "--threads, but were " + kills + ", " + threads + " and " + keys);
		}
		if (!Files.isRegularFile(appJar)) {
			throw new IllegalArgumentException("No sample application jar at " + appJar
					+ "; build it with ./mvnw -pl sample-app -am package -DskipTests or pass --app-jar=");
		}
	}

	static SoakOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0 || !NAMES.contains(arg.substring(2, equals))) {
				throw new IllegalArgumentException(
						"Unknown argument '" + arg + "'; expected --name=value with a name of " + NAMES);
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return new SoakOptions(Path.of(values.getOrDefault("app-jar", defaultJar())),
				Integer.parseInt(values.getOrDefault("instances", "3")),
				duration(values.getOrDefault("duration", "120s")), Integer.parseInt(values.getOrDefault("kills", "3")),
				Integer.parseInt(values.getOrDefault("keys", "200")),
				Integer.parseInt(values.getOrDefault("threads", "6")),
				duration(values.getOrDefault("claim-after", "5s")),
				values.getOrDefault("postgres", "jdbc:postgresql://127.0.0.1:5432/"),
				values.getOrDefault("postgres-user", "postgres"),
				List.of(values.getOrDefault("java-options", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
					.strip()
					.split("\\s+")),
				Path.of(values.getOrDefault("out", "benchmarks/target/write-behind-soak")));
	}

	private static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.startsWith("p")) {
			return Duration.parse(text.strip());
		}
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		if (value.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		throw new IllegalArgumentException(
				"Not a duration: '" + text + "'; use 500ms, 30s, 2m or the ISO-8601 form (PT30S)");
	}

	private static String defaultJar() {
		Path target = Path.of("sample-app", "target");
		if (!Files.isDirectory(target)) {
			return target.resolve("tiered-cache-sample-app.jar").toString();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.map(Path::toString)
				.filter((name) -> name.endsWith(".jar"))
				.findFirst()
				.orElse(target.resolve("tiered-cache-sample-app.jar").toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
