package io.github.tieredcache.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.tieredcache.actuate.ObservedCatalogApplication.Catalog;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server on loopback scrapes an application's
 * {@code /actuator/prometheus}, and every query of the Grafana dashboard and every alert
 * rule's expression is valid PromQL that returns series from that scrape, each with the
 * labels the query groups by (Grafana's "All" for the cache variable).
 */
@SpringBootTest(classes = { ObservedCatalogApplication.class, DashboardMetricNamesTests.FeaturedWarmer.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=prometheus")
@RealRedis
@Tag("fault")
class PrometheusScrapeTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern GROUPING = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

	private static final HttpClient client = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisServers.shared().url());
		registry.add("tiered-cache.key-prefix", () -> "prometheus-scrape-tests-" + UUID.randomUUID());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Catalog catalog;

	private Process prometheus;

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			if (!this.prometheus.waitFor(10, TimeUnit.SECONDS)) {
				this.prometheus.destroyForcibly();
			}
		}
	}

	@Test
	void everyDashboardQueryAndAlertExpressionReturnsSeriesFromARealScrape(@TempDir Path directory) throws Exception {
		int prometheusPort = freePort();
		startPrometheus(directory, prometheusPort);
		Map<String, String> queries = dashboardQueries();
		assertThat(queries).hasSizeGreaterThan(15);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(IOException.class)
			.untilAsserted(() -> {
				lookUp();
				Map<String, String> empty = new LinkedHashMap<>();
				for (Map.Entry<String, String> query : queries.entrySet()) {
					JsonNode answer = query(prometheusPort, query.getValue());
					assertThat(answer.path("status").asString()).as("%s: %s", query.getKey(), answer)
						.isEqualTo("success");
					JsonNode series = answer.path("data").path("result");
					if (series.isEmpty()) {
						empty.put(query.getKey(), query.getValue());
					}
					for (JsonNode one : series) {
						for (String label : groupingLabels(query.getValue())) {
							assertThat(one.path("metric").path(label).asString(""))
								.as("label '%s' of %s in %s: %s", label, query.getKey(), query.getValue(), one)
								.isNotEmpty();
						}
					}
				}
				assertThat(empty).as("queries without a series").isEmpty();
			});
		// The scraped numbers move with the traffic: hits appear as a rate above zero
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			lookUp();
			JsonNode hits = query(prometheusPort,
					"sum by (cache) (rate(cache_gets_total{cache=\"products\", result=\"hit\"}[15s]))");
			assertThat(hits.path("data").path("result").path(0).path("value").path(1).asString("0")).isNotIn("0",
					"NaN");
		});
	}

	/**
	 * The labels a query groups by: each series it returns should carry them, or the
	 * panel's legend and the alert's annotations show blanks.
	 */
	private static Set<String> groupingLabels(String query) {
		Set<String> labels = new TreeSet<>();
		Matcher matcher = GROUPING.matcher(query);
		while (matcher.find()) {
			for (String label : matcher.group(1).split(",")) {
				labels.add(label.trim());
			}
		}
		return labels;
	}

	private void lookUp() {
		String id = UUID.randomUUID().toString();
		this.catalog.find(id);
		this.catalog.find(id);
	}

	private void startPrometheus(Path directory, int prometheusPort) throws IOException {
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: application
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.port));
		this.prometheus = new ProcessBuilder(PrometheusTools.require("prometheus").toString(),
				"--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("data"),
				"--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
	}

	/**
	 * The queries of the Grafana dashboard, with its variables set to every cache and a
	 * rate window of a few scrapes, and the expressions of the alert rules.
	 */
	private static Map<String, String> dashboardQueries() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		JsonNode dashboard = json.readTree(PrometheusTools.DASHBOARDS.resolve("tiered-cache-grafana.json").toFile());
		for (JsonNode panel : dashboard.path("panels")) {
			List<JsonNode> expressions = new ArrayList<>(panel.findValues("expr"));
			for (int i = 0; i < expressions.size(); i++) {
				String query = expressions.get(i).asString().replace("$__rate_interval", "15s").replace("$cache", ".*");
				queries.put("panel '" + panel.path("title").asString() + "' #" + (i + 1), query);
			}
		}
		for (Map.Entry<String, String> rule : alertExpressions().entrySet()) {
			// The alerts' conditions hold only in trouble: evaluate what they compare.
			queries.put("alert " + rule.getKey(),
					rule.getValue().replaceAll("\\s*(<|>|>=)\\s*[0-9.]+\\s*(\n|$)", "$2"));
		}
		return queries;
	}

	private static Map<String, String> alertExpressions() throws IOException {
		Map<String, String> expressions = new LinkedHashMap<>();
		Map<String, Object> rules = new Yaml()
			.load(Files.readString(PrometheusTools.DASHBOARDS.resolve("tiered-cache-alerts.yml")));
		for (Object group : (List<?>) rules.get("groups")) {
			for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
				Map<?, ?> alert = (Map<?, ?>) rule;
				expressions.put((String) alert.get("alert"), (String) alert.get("expr"));
			}
		}
		return expressions;
	}

	private static JsonNode query(int prometheusPort, String promql) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
