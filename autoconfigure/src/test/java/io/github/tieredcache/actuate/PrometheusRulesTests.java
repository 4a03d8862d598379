package io.github.tieredcache.actuate;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.tieredcache.actuate.PrometheusTools.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules in {@code docs/dashboards/tiered-cache-alerts.yml} checked by
 * Prometheus' own {@code promtool}, and unit-tested on synthetic series by
 * {@code tiered-cache-alerts-tests.yml} beside them.
 */
class PrometheusRulesTests {

	private static final String RULES = "tiered-cache-alerts.yml";

	private static final String RULE_TESTS = "tiered-cache-alerts-tests.yml";

	@Test
	void promtoolAcceptsTheRules() throws Exception {
		Result result = PrometheusTools.run(PrometheusTools.DASHBOARDS, PrometheusTools.require("promtool").toString(),
				"check", "rules", RULES);
		assertThat(result.exitCode()).as("promtool check rules %s: %s", RULES, result).isZero();
		assertThat(result.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
	}

	@Test
	void everyAlertPassesItsUnitTests() throws Exception {
		Result result = PrometheusTools.run(PrometheusTools.DASHBOARDS, PrometheusTools.require("promtool").toString(),
				"test", "rules", RULE_TESTS);
		assertThat(result.exitCode()).as("promtool test rules %s: %s", RULE_TESTS, result).isZero();
	}

	@Test
	void everyAlertHasAFiringAndAQuietTestCase() throws IOException {
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Map<String, Object> test : list(load(RULE_TESTS).get("tests"))) {
			for (Map<String, Object> alertTest : list(test.get("alert_rule_test"))) {
				String name = (String) alertTest.get("alertname");
				Object expected = alertTest.get("exp_alerts");
				boolean fires = expected instanceof List<?> alerts && !alerts.isEmpty();
				(fires ? firing : quiet).add(name);
			}
		}
		Set<String> alerts = alertNames();
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
		assertThat(firing).as("alerts with a case in %s where they fire", RULE_TESTS).containsAll(alerts);
		assertThat(quiet).as("alerts with a case in %s where they stay quiet", RULE_TESTS).containsAll(alerts);
	}

	@Test
	void theUnitTestsCatchAChangedThreshold(@TempDir Path directory) throws Exception {
		String rules = Files.readString(PrometheusTools.DASHBOARDS.resolve(RULES));
		String loosened = rules.replace(") < 0.5", ") < 0.2").replace("> 0.1", "> 1");
		assertThat(loosened).isNotEqualTo(rules);
		Files.writeString(directory.resolve(RULES), loosened);
		Files.copy(PrometheusTools.DASHBOARDS.resolve(RULE_TESTS), directory.resolve(RULE_TESTS));
		Result result = PrometheusTools.run(directory, PrometheusTools.require("promtool").toString(), "test", "rules",
				RULE_TESTS);
		assertThat(result.exitCode()).as("promtool test rules on changed thresholds: %s", result).isNotZero();
		assertThat(result.output()).contains("TieredCacheLowHitRatio").contains("TieredCacheL2Errors");
	}

	private static Set<String> alertNames() throws IOException {
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> group : list(load(RULES).get("groups"))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				names.add((String) rule.get("alert"));
			}
		}
		return names;
	}

	private static Map<String, Object> load(String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(PrometheusTools.DASHBOARDS.resolve(file))) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : new ArrayList<>();
	}

}
