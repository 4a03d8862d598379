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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.tieredcache.actuate.ObservedCatalogApplication.Catalog;
import io.github.tieredcache.actuate.ObservedCatalogApplication.Http;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.warming.CacheWarmer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric that the Grafana dashboard and the Prometheus alert rules in
 * {@code docs/dashboards} query exists in a real {@code /actuator/prometheus} scrape,
 * except the meters of features that do not exist yet, listed in {@link #NOT_YET_BOUND}.
 */
@SpringBootTest(classes = { ObservedCatalogApplication.class, DashboardMetricNamesTests.FeaturedWarmer.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=prometheus")
@RealRedis
class DashboardMetricNamesTests {

	/**
	 * Metrics the dashboards already show but no feature binds yet. Remove a name when
	 * its meter arrives: the test fails while a listed name is in the scrape.
	 */
	private static final Set<String> NOT_YET_BOUND = Set.of();

	private static final Path DASHBOARDS = Path.of("..", "docs", "dashboards");

	private static final Pattern METRIC = Pattern.compile("\\b(?:tiered_cache|cache)_[a-z0-9_]+\\b");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern GROUPINGS = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> "dashboard-tests-" + UUID.randomUUID());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Catalog catalog;

	private Set<String> scraped;

	@BeforeEach
	void scrapeAfterCacheTraffic() {
		String id = UUID.randomUUID().toString();
		this.catalog.find(id);
		this.catalog.find(id);
		this.scraped = new Http(this.port).get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void grafanaDashboardQueriesOnlyScrapedMetrics() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(DASHBOARDS.resolve("tiered-cache-grafana.json").toFile());
		List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
		assertThat(expressions).hasSizeGreaterThan(5);
		assertQueriedMetricsAreScraped("tiered-cache-grafana.json", expressions);
	}

	@Test
	void alertRulesQueryOnlyScrapedMetrics() throws IOException {
		List<String> expressions = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(DASHBOARDS.resolve("tiered-cache-alerts.yml"))) {
			Map<String, List<Map<String, Object>>> rules = new Yaml().load(reader);
			for (Map<String, Object> group : rules.get("groups")) {
				for (Object rule : (List<?>) group.get("rules")) {
					expressions.add((String) ((Map<?, ?>) rule).get("expr"));
				}
			}
		}
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(4);
		assertQueriedMetricsAreScraped("tiered-cache-alerts.yml", expressions);
	}

	private void assertQueriedMetricsAreScraped(String file, List<String> expressions) {
		Set<String> queried = new TreeSet<>();
		expressions.forEach((expression) -> queried.addAll(metricNames(expression)));
		Set<String> notYetBound = new TreeSet<>(queried);
		notYetBound.retainAll(NOT_YET_BOUND);
		System.out
			.println(file + ": checked " + queried.stream().filter((name) -> !NOT_YET_BOUND.contains(name)).toList()
					+ "; not yet bound, so not checked: " + notYetBound);
		Set<String> checked = new TreeSet<>(queried);
		checked.removeAll(NOT_YET_BOUND);
		assertThat(checked).as("metrics %s queries", file).isNotEmpty();
		assertThat(this.scraped).as("scraped metrics, for %s", file).containsAll(checked);
		Set<String> boundMeanwhile = new TreeSet<>(NOT_YET_BOUND);
		boundMeanwhile.retainAll(this.scraped);
		assertThat(boundMeanwhile).as("metrics listed as not yet bound; remove them from NOT_YET_BOUND").isEmpty();
	}

	static Set<String> metricNames(String expression) {
		String withoutLabels = GROUPINGS.matcher(LABEL_MATCHERS.matcher(expression).replaceAll("")).replaceAll("");
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC.matcher(withoutLabels);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/**
	 * A warmer, so that the warming meters are in the scrape.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FeaturedWarmer {

		@Bean
		CacheWarmer featured() {
			return CacheWarmer.of("featured", "featured", () -> Map.of("1", "featured-1"));
		}

	}

}
