package io.github.tieredcache.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One benchmark's primary result from a JMH JSON report ({@code -rf json}).
 *
 * @param benchmark the fully qualified benchmark method, {@code com.example.Type.method}
 * @param mode JMH's short mode label: {@code avgt}, {@code thrpt}, {@code ss},
 * {@code sample}
 * @param threads the number of threads
 * @param score the score
 * @param error the 99.9% error of the score; {@code NaN} when there were too few
 * iterations to estimate it
 * @param unit the score's unit, such as {@code ns/op}
 * @param iterations the score of each measurement iteration, all forks together
 * @param params the benchmark's {@code @Param} values, in the report's order; empty when
 * it has none
 */
public record JmhResult(String benchmark, String mode, int threads, double score, double error, String unit,
		List<Double> iterations, Map<String, String> params) {

	/**
	 * Creates a result of a benchmark without parameters.
	 * @param benchmark the fully qualified benchmark method
	 * @param mode JMH's short mode label
	 * @param threads the number of threads
	 * @param score the score
	 * @param error the 99.9% error of the score
	 * @param unit the score's unit
	 * @param iterations the score of each measurement iteration
	 */
	public JmhResult(String benchmark, String mode, int threads, double score, double error, String unit,
			List<Double> iterations) {
		this(benchmark, mode, threads, score, error, unit, iterations, Map.of());
	}

	/**
	 * Returns the sample standard deviation of the iterations' scores: how much the score
	 * moved from iteration to iteration. Unlike {@link #error()}, which is a 99.9%
	 * confidence half-width and grows enormous with few iterations, it stays readable for
	 * short runs. {@code NaN} with fewer than two iterations.
	 * @return the standard deviation
	 */
	public double deviation() {
		int n = this.iterations.size();
		if (n < 2) {
			return Double.NaN;
		}
		double mean = this.iterations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double squares = this.iterations.stream().mapToDouble((value) -> (value - mean) * (value - mean)).sum();
		return Math.sqrt(squares / (n - 1));
	}

	/**
	 * Returns the benchmark class's fully qualified name.
	 * @return the class name
	 */
	public String className() {
		return this.benchmark.substring(0, this.benchmark.lastIndexOf('.'));
	}

	/**
	 * Returns the benchmark class's simple name.
	 * @return the simple name
	 */
	public String simpleClassName() {
		String type = className();
		return type.substring(type.lastIndexOf('.') + 1);
	}

	/**
	 * Returns the benchmark method's name.
	 * @return the method name
	 */
	public String method() {
		return this.benchmark.substring(this.benchmark.lastIndexOf('.') + 1);
	}

	/**
	 * Returns whether a higher score is better (throughput) rather than worse (time).
	 * @return whether higher is better
	 */
	public boolean higherIsBetter() {
		return "thrpt".equals(this.mode);
	}

	/**
	 * Reads every result of a JMH JSON report.
	 * @param file the report
	 * @return the results, in the file's order
	 * @throws IOException if the file cannot be read
	 */
	public static List<JmhResult> read(Path file) throws IOException {
		return parse(Files.readString(file));
	}

	/**
	 * Parses a JMH JSON report.
	 * @param json the report's text
	 * @return the results, in the report's order
	 */
	public static List<JmhResult> parse(String json) {
		JsonNode root = JsonMapper.builder().build().readTree(json);
		List<JmhResult> results = new ArrayList<>();
		for (JsonNode run : root) {
			JsonNode primary = run.path("primaryMetric");
			JsonNode error = primary.path("scoreError");
			List<Double> iterations = new ArrayList<>();
			for (JsonNode fork : primary.path("rawData")) {
				for (JsonNode iteration : fork) {
					iterations.add(iteration.asDouble());
				}
			}
			Map<String, String> params = new LinkedHashMap<>();
			run.path("params").properties().forEach((entry) -> params.put(entry.getKey(), entry.getValue().asString()));
			results.add(new JmhResult(run.path("benchmark").asString(), run.path("mode").asString(),
					run.path("threads").asInt(1), primary.path("score").asDouble(),
					error.isNumber() ? error.asDouble() : Double.NaN, primary.path("scoreUnit").asString(),
					List.copyOf(iterations), Collections.unmodifiableMap(params)));
		}
		return results;
	}

}
