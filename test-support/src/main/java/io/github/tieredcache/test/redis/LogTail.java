package io.github.tieredcache.test.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The last lines of a log, for failure messages that show why a server did not start.
 * <p>
 * Stateless and thread-safe; never throws: an unreadable file is described instead.
 */
final class LogTail {

	private static final int LINES = 20;

	private LogTail() {
	}

	/**
	 * Return the last lines of a file, labelled with its path.
	 * @param file the file
	 * @return the labelled lines
	 */
	static String of(Path file) {
		if (!Files.exists(file)) {
			return file + " does not exist";
		}
		try {
			return of(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			return file + " could not be read: " + ex;
		}
	}

	/**
	 * Return the last lines of a text, labelled with where it came from.
	 * @param source what produced the text
	 * @param text the text
	 * @return the labelled lines
	 */
	static String of(String source, String text) {
		List<String> lines = text.lines().toList();
		if (lines.isEmpty()) {
			return source + " is empty";
		}
		List<String> tail = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
		return "last lines of " + source + ":\n  " + String.join("\n  ", tail);
	}

}
