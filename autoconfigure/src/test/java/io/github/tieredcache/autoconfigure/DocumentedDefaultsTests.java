package io.github.tieredcache.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every default in the tables of {@code docs/configuration.md} to the default the
 * IDE metadata shows, which {@link PropertyDefaultsTests} holds to the library's own.
 */
class DocumentedDefaultsTests {

	private static final Path CONFIGURATION_DOCS = Path.of("..", "docs", "configuration.md");

	/**
	 * A table row whose first cell names a property and whose second starts with a value
	 * in backticks.
	 */
	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)`.*");

	/**
	 * Documented defaults that are computed at start-up rather than fixed.
	 */
	private static final List<String> COMPUTED = List.of("tiered-cache.key-prefix");

	@Test
	void everyDocumentedDefaultIsTheDefaultOfTheProperty() throws IOException {
		Map<String, String> documented = documentedDefaults();
		Map<String, JsonNode> metadata = ConfigurationMetadata.properties();
		assertThat(documented).hasSizeGreaterThan(50);
		documented.forEach((property, value) -> {
			if (COMPUTED.contains(property)) {
				return;
			}
			assertThat(metadata).as("metadata of documented property %s", property).containsKey(property);
			assertThat(metadata.get(property).path("defaultValue").asString()).as("default of %s", property)
				.isEqualTo(value);
		});
	}

	private static Map<String, String> documentedDefaults() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		String section = "";
		for (String line : Files.readAllLines(CONFIGURATION_DOCS)) {
			if (line.startsWith("## ")) {
				section = line;
				continue;
			}
			Matcher row = ROW.matcher(line);
			if (!row.matches()) {
				continue;
			}
			String name = row.group(1);
			if (name.startsWith("tiered-cache.")) {
				defaults.put(name, row.group(2));
			}
			else if (section.startsWith("## Per-cache settings")) {
				defaults.put("tiered-cache.defaults." + name, row.group(2));
			}
		}
		return defaults;
	}

}
