package io.github.tieredcache.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the IDE metadata generated from {@link TieredCacheProperties}
 * ({@code META-INF/spring-configuration-metadata.json}).
 */
class ConfigurationMetadataTests {

	private static Map<String, JsonNode> properties;

	@BeforeAll
	static void readMetadata() {
		properties = ConfigurationMetadata.properties();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tiered-cache.enabled", "tiered-cache.key-prefix", "tiered-cache.create-on-demand",
			"tiered-cache.defaults.ttl", "tiered-cache.defaults.ttl-jitter", "tiered-cache.defaults.cache-null-values",
			"tiered-cache.defaults.null-value-ttl", "tiered-cache.defaults.l1.enabled",
			"tiered-cache.defaults.l1.max-size", "tiered-cache.defaults.l1.ttl", "tiered-cache.defaults.l2.enabled",
			"tiered-cache.defaults.l2.max-value-size", "tiered-cache.caches", "tiered-cache.redis.max-key-length",
			"tiered-cache.redis.clear-batch-size", "tiered-cache.redis.timeout",
			"tiered-cache.redis.max-pending-invalidations", "tiered-cache.redis.reject-commands-when-disconnected",
			"tiered-cache.redis.max-reconnect-delay", "tiered-cache.redis.circuit-breaker.enabled",
			"tiered-cache.redis.circuit-breaker.failure-rate-threshold",
			"tiered-cache.redis.circuit-breaker.slow-call-rate-threshold",
			"tiered-cache.redis.circuit-breaker.slow-call-duration-threshold",
			"tiered-cache.redis.circuit-breaker.sliding-window-type",
			"tiered-cache.redis.circuit-breaker.sliding-window-size",
			"tiered-cache.redis.circuit-breaker.minimum-number-of-calls",
			"tiered-cache.redis.circuit-breaker.wait-duration-in-open-state",
			"tiered-cache.redis.circuit-breaker.permitted-calls-in-half-open-state",
			"tiered-cache.serialization.format", "tiered-cache.serialization.allowed-packages",
			"tiered-cache.metrics.enabled", "tiered-cache.health.fail-on-redis-down",
			"tiered-cache.health.ping-timeout", "tiered-cache.warming.enabled", "tiered-cache.warming.on-startup",
			"tiered-cache.warming.interval", "tiered-cache.warming.max-concurrency",
			"tiered-cache.warming.startup-timeout", "tiered-cache.warming.timeout",
			"tiered-cache.warming.hold-readiness", "tiered-cache.warming.fail-fast", "tiered-cache.warming.jitter",
			"tiered-cache.warming.progress-interval", "tiered-cache.warming.warmers", "tiered-cache.defaults.hot-keys",
			"tiered-cache.defaults.hot-key-refresh-before" })
	void documentedPropertyHasADescription(String name) {
		assertThat(properties).containsKey(name);
		assertThat(properties.get(name).path("description").asString()).as("description of %s", name).isNotBlank();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			tiered-cache.enabled                     | true
			tiered-cache.create-on-demand            | true
			tiered-cache.defaults.ttl                | 1h
			tiered-cache.defaults.null-value-ttl     | 1m
			tiered-cache.defaults.l1.max-size        | 10000
			tiered-cache.defaults.l1.ttl             | 5m
			tiered-cache.defaults.l2.enabled         | true
			tiered-cache.defaults.l2.max-value-size  | 1MB
			tiered-cache.serialization.format        | json
			tiered-cache.metrics.enabled             | true
			tiered-cache.health.fail-on-redis-down   | false
			tiered-cache.health.ping-timeout         | 500ms
			tiered-cache.redis.timeout               | 250ms
			tiered-cache.redis.circuit-breaker.wait-duration-in-open-state | 5s
			tiered-cache.warming.enabled             | true
			tiered-cache.warming.on-startup          | true
			tiered-cache.warming.max-concurrency     | 2
			tiered-cache.warming.startup-timeout     | 5m
			tiered-cache.warming.timeout             | 2m
			tiered-cache.warming.hold-readiness      | true
			tiered-cache.warming.fail-fast           | false
			tiered-cache.warming.jitter              | 0.1
			""")
	void propertyShowsItsDefault(String name, String defaultValue) {
		assertThat(properties.get(name).path("defaultValue").asString()).as("default of %s", name)
			.isEqualTo(defaultValue);
	}

	@Test
	void cachesAreAMapOfCacheSettingsByName() {
		assertThat(properties.get("tiered-cache.caches").path("type").asString())
			.startsWith("java.util.Map<java.lang.String,")
			.endsWith("TieredCacheProperties$CacheOverrides>");
	}

}
