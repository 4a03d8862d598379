package io.github.tieredcache.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the IDE metadata of the {@code tiered-cache.sync.*} properties.
 */
class SyncConfigurationMetadataTests {

	private static Map<String, JsonNode> properties;

	@BeforeAll
	static void readMetadata() {
		properties = ConfigurationMetadata.properties();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.sync.enabled             | true
			tiered-cache.sync.heartbeat-interval  | 2s
			tiered-cache.sync.missed-heartbeats   | 3
			tiered-cache.sync.batch-window        | 0
			tiered-cache.sync.batch-size          | 512
			tiered-cache.sync.queue-capacity      | 10000
			""")
	void syncPropertyHasADescriptionAndShowsItsDefault(String name, String defaultValue) {
		assertThat(properties).containsKey(name);
		assertThat(properties.get(name).path("description").asString()).as("description of %s", name).isNotBlank();
		assertThat(properties.get(name).path("defaultValue").asString()).as("default of %s", name)
			.isEqualTo(defaultValue);
	}

}
