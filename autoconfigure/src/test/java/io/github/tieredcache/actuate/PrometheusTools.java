package io.github.tieredcache.actuate;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The executables of the Debian {@code prometheus} package ({@code promtool},
 * {@code prometheus}), found on the {@code PATH}. Without them a test is skipped with the
 * fix, and fails when {@code CI=true}: CI never skips these tests silently.
 */
final class PrometheusTools {

	static final Path DASHBOARDS = Path.of("..", "docs", "dashboards");

	private PrometheusTools() {
	}

	/**
	 * Return the executable, or skip (fail with {@code CI=true}) the calling test.
	 * @param name {@code promtool} or {@code prometheus}
	 * @return the executable's path
	 */
	static Path require(String name) {
		Optional<Path> found = locate(name);
		if (found.isEmpty()) {
			String reason = name + " is not on the PATH; install it with 'apt-get install prometheus' "
					+ "(the Debian package; .ci/run does) or a Prometheus release's binaries";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(reason + " (CI=true: not skipping)");
			}
			Assumptions.abort(reason);
		}
		return found.get();
	}

	static Optional<Path> locate(String name) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.concat(Stream.of(path.split(Pattern.quote(File.pathSeparator))), Stream.of("/usr/bin"))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Run a command to its end (at most a minute) and return what it printed.
	 * @param directory the working directory
	 * @param command the command and its arguments
	 * @return the exit code and the output
	 */
	static Result run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(1, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			fail(String.join(" ", command) + " did not end within a minute");
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	/**
	 * What a command did.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed on standard output and error
	 */
	record Result(int exitCode, String output) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + ":\n" + this.output;
		}

	}

}
