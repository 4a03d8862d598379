package io.github.tieredcache.test.redis;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} executable on this machine and the major version it reports.
 * <p>
 * Immutable and thread-safe once located.
 */
final class RedisBinary {

	private static final String NAME = "redis-server";

	private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin", NAME), Path.of("/usr/local/bin", NAME),
			Path.of("/opt/homebrew/bin", NAME));

	private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.");

	private final Path path;

	private final int majorVersion;

	private RedisBinary(Path path) {
		this.path = path;
		this.majorVersion = readMajorVersion(path);
	}

	/**
	 * Find {@code redis-server}: {@code TIERED_CACHE_REDIS_SERVER} if set, else the
	 * {@code PATH}, else a few well-known directories.
	 * @param environment the environment to read
	 * @return the binary, or empty if there is none
	 * @throws IllegalStateException if {@code TIERED_CACHE_REDIS_SERVER} names something
	 * that is not an executable file
	 */
	static Optional<RedisBinary> locate(HarnessEnvironment environment) {
		String configured = environment.serverBinary();
		if (configured != null) {
			Path path = toPath(configured);
			if (path == null || !executable(path)) {
				throw new IllegalStateException(HarnessEnvironment.SERVER_BINARY + "=" + configured
						+ " is not an executable file; point it at a redis-server binary or unset it");
			}
			return Optional.of(new RedisBinary(path));
		}
		String searchPath = (environment.path() != null) ? environment.path() : "";
		Stream<Path> onPath = Stream.of(searchPath.split(Pattern.quote(File.pathSeparator)))
			.filter((directory) -> !directory.isBlank())
			.flatMap((directory) -> Optional.ofNullable(toPath(directory)).stream())
			.map((directory) -> directory.resolve(NAME));
		return Stream.concat(onPath, WELL_KNOWN.stream())
			.filter(RedisBinary::executable)
			.findFirst()
			.map(RedisBinary::new);
	}

	/**
	 * Describe where {@link #locate(HarnessEnvironment)} looks, for failure messages.
	 * @return the places searched
	 */
	static String searchedPlaces() {
		return HarnessEnvironment.SERVER_BINARY + ", the PATH, /usr/bin, /usr/local/bin and /opt/homebrew/bin";
	}

	Path path() {
		return this.path;
	}

	/**
	 * Return whether this version knows {@code enable-debug-command} (Redis 7 and later).
	 * @return {@code true} if the option may be passed
	 */
	boolean hasDebugCommandOption() {
		return this.majorVersion >= 7;
	}

	@Override
	public String toString() {
		return this.path + ((this.majorVersion > 0) ? " (Redis " + this.majorVersion + ")" : "");
	}

	private static boolean executable(Path path) {
		return Files.isRegularFile(path) && Files.isExecutable(path);
	}

	private static @Nullable Path toPath(String path) {
		try {
			return Path.of(path);
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	private static int readMajorVersion(Path path) {
		try {
			Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			Matcher matcher = VERSION.matcher(output);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
