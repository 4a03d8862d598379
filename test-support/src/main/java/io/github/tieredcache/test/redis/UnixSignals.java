package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Sends SIGSTOP and SIGCONT with the {@code kill} command, which the JDK cannot do by
 * itself ({@link Process#destroy()} covers SIGTERM and {@link Process#destroyForcibly()}
 * SIGKILL).
 * <p>
 * Stateless and thread-safe. Unix only: on Windows every method throws
 * {@link UnsupportedOperationException}.
 */
final class UnixSignals {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private UnixSignals() {
	}

	/**
	 * Freeze a process and wait until the kernel reports it stopped (where {@code /proc}
	 * tells).
	 * @param pid the process id
	 */
	static void stop(long pid) {
		send("STOP", pid);
		Await.until(() -> stopped(pid) != Boolean.FALSE, TIMEOUT);
	}

	/**
	 * Unfreeze a process and wait until the kernel reports it running again (where
	 * {@code /proc} tells).
	 * @param pid the process id
	 */
	static void resume(long pid) {
		send("CONT", pid);
		Await.until(() -> stopped(pid) != Boolean.TRUE, TIMEOUT);
	}

	private static void send(String signal, long pid) {
		if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
			throw new UnsupportedOperationException("SIG" + signal + " cannot be sent on Windows; run fault tests "
					+ "with Docker available so the server runs in a container, or on Linux or macOS");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
				.start();
			String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				kill.destroyForcibly();
				throw new IllegalStateException(
						"'kill -" + signal + " " + pid + "' did not finish within " + TIMEOUT.toSeconds() + " s");
			}
			if (kill.exitValue() != 0) {
				throw new IllegalStateException("'kill -" + signal + " " + pid + "' failed with exit code "
						+ kill.exitValue() + ": " + output + "; is the process still alive?");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run 'kill -" + signal + " " + pid + "' (" + ex.getMessage()
					+ "); make sure the 'kill' command is on the PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + pid, ex);
		}
	}

	/**
	 * Read the process state from {@code /proc/<pid>/stat}.
	 * @return whether it is stopped, or {@code null} if this system cannot tell
	 */
	private static @Nullable Boolean stopped(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		try {
			String content = Files.readString(stat, StandardCharsets.US_ASCII);
			// the command name in parentheses may contain spaces; the state follows it
			String afterName = content.substring(content.lastIndexOf(')') + 1).trim();
			char state = afterName.charAt(0);
			return state == 'T' || state == 't';
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
