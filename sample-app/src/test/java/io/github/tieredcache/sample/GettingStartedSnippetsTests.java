package io.github.tieredcache.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every snippet in {@code docs/getting-started.md} that names a file of the sample
 * ({@code <!-- snippet: path -->} above the code block) is really in that file: its lines
 * appear there in the same order, exactly as written apart from trailing spaces and one
 * indentation added to every line (a snippet may start less indented than its source). A
 * line {@code ...} in a snippet stands for code left out.
 */
class GettingStartedSnippetsTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\R```[a-z]*\\R(.*?)\\R```",
			Pattern.DOTALL);

	@Test
	void snippetsMatchTheSample() throws IOException {
		String guide = Files.readString(ROOT.resolve("docs/getting-started.md"));
		Matcher snippets = SNIPPET.matcher(guide);
		int checked = 0;
		while (snippets.find()) {
			Path file = ROOT.resolve(snippets.group(1));
			assertThat(file).as("file named by a snippet").isRegularFile();
			assertThat(missingLines(snippets.group(2), Files.readAllLines(file)))
				.as("lines of the snippet from %s not found there in this order", file)
				.isEmpty();
			checked++;
		}
		assertThat(checked).as("snippets checked").isGreaterThanOrEqualTo(6);
	}

	private static List<String> missingLines(String snippet, List<String> source) {
		List<String> missing = new ArrayList<>();
		String indent = null;
		int next = 0;
		for (String line : snippet.lines().map(String::stripTrailing).toList()) {
			if (line.isBlank() || line.strip().equals("...")) {
				continue;
			}
			int found = -1;
			for (int i = next; i < source.size() && found < 0; i++) {
				String candidate = source.get(i).stripTrailing();
				String prefix = candidate.endsWith(line) ? candidate.substring(0, candidate.length() - line.length())
						: null;
				if (prefix != null && prefix.isBlank() && (indent == null || indent.equals(prefix))) {
					found = i;
					indent = prefix;
				}
			}
			if (found < 0) {
				missing.add(line);
			}
			else {
				next = found + 1;
			}
		}
		return missing;
	}

}
