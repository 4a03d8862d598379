package io.github.tieredcache.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the IDE metadata generated from the properties classes
 * ({@code META-INF/spring-configuration-metadata.json}).
 */
final class ConfigurationMetadata {

	private ConfigurationMetadata() {
	}

	/**
	 * Returns every {@code tiered-cache.*} property of the metadata on the class path.
	 * @return the properties' metadata by property name
	 */
	static Map<String, JsonNode> properties() {
		Map<String, JsonNode> found = new LinkedHashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		try {
			for (URL resource : Collections.list(ConfigurationMetadata.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream content = resource.openStream()) {
					for (JsonNode property : mapper.readTree(content).path("properties").values()) {
						String name = property.path("name").asString();
						if (name.startsWith("tiered-cache.")) {
							found.put(name, property);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

}
