package io.github.tieredcache.benchmarks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs benchmarks exactly as {@code java -jar benchmarks.jar} does (same command line),
 * then prints each score as a ratio of its class's {@link Baseline} score from the same
 * run, with the same thread count and parameters. A ratio of {@code 2.00} means twice the
 * cost per operation of the baseline; the range in brackets combines both scores' 99.9%
 * confidence intervals, so a range that straddles the aim means the run cannot tell.
 *
 * <p>
 * JMH runs one benchmark after another, so a burst of background load can hit the
 * baseline and not the others. With {@code -Dratios.rounds=N} the whole selection runs
 * {@code N} times in turn and the median of the per-round ratios is printed as well,
 * which a single disturbed round cannot move far.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.BaselineRatios L1HitBenchmark -f 1 -wi 3 -i 5
 * java -Dratios.rounds=3 -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.BaselineRatios L2HitBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
public final class BaselineRatios {

	private BaselineRatios() {
	}

	public static void main(String[] args) throws Exception {
		CommandLineOptions options = new CommandLineOptions(args);
		if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
				|| options.shouldListProfilers() || options.shouldListResultFormats()) {
			org.openjdk.jmh.Main.main(args);
			return;
		}
		int rounds = Integer.getInteger("ratios.rounds", 1);
		if (rounds < 1) {
			throw new IllegalArgumentException("ratios.rounds must be at least 1 but was " + rounds);
		}
		List<Collection<RunResult>> results = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			results.add(new Runner(options).run());
		}
		for (int round = 1; round <= rounds; round++) {
			System.out.println();
			if (rounds > 1) {
				System.out.printf("Round %d of %d. ", round, rounds);
			}
			System.out.print(report(results.get(round - 1)));
		}
		if (rounds > 1) {
			System.out.println();
			System.out.print(medianReport(results));
		}
	}

	static String report(Collection<RunResult> results) {
		StringBuilder report = new StringBuilder(
				"Ratios to each class's baseline, from this run (cost per operation; 1.00 = baseline):\n");
		groups(results).forEach((group, members) -> {
			report.append('\n').append(group).append('\n');
			RunResult baseline = baselineOf(members);
			int width = nameWidth(members);
			for (RunResult member : members) {
				report.append(line(member, baseline, width)).append('\n');
			}
		});
		return report.toString();
	}

	static String medianReport(List<Collection<RunResult>> rounds) {
		Map<String, Map<String, List<Double>>> ratios = new LinkedHashMap<>();
		for (Collection<RunResult> round : rounds) {
			groups(round).forEach((group, members) -> {
				RunResult baseline = baselineOf(members);
				Map<String, List<Double>> byMethod = ratios.computeIfAbsent(group, (key) -> new LinkedHashMap<>());
				for (RunResult member : members) {
					if (baseline != null && member != baseline) {
						byMethod
							.computeIfAbsent(methodName(member.getParams().getBenchmark()), (key) -> new ArrayList<>())
							.add(ratio(member.getPrimaryResult(), baseline.getPrimaryResult(),
									member.getParams().getMode()));
					}
				}
			});
		}
		StringBuilder report = new StringBuilder("Median of the per-round ratios over " + rounds.size() + " rounds:\n");
		ratios.forEach((group, byMethod) -> {
			report.append('\n').append(group).append('\n');
			int width = byMethod.keySet().stream().mapToInt(String::length).max().orElse(0);
			byMethod.forEach((method, values) -> {
				StringBuilder each = new StringBuilder();
				values.forEach((value) -> each.append(String.format(Locale.ROOT, " %.2f×", value)));
				report.append(String.format(Locale.ROOT, "  %-" + width + "s  median %.2f×   rounds:%s%n", method,
						median(values), each));
			});
		});
		return report.toString();
	}

	private static Map<String, List<RunResult>> groups(Collection<RunResult> results) {
		Map<String, List<RunResult>> groups = new LinkedHashMap<>();
		for (RunResult result : results) {
			groups.computeIfAbsent(groupOf(result.getParams()), (group) -> new ArrayList<>()).add(result);
		}
		return groups;
	}

	private static String groupOf(BenchmarkParams params) {
		StringBuilder group = new StringBuilder(simpleClassName(params.getBenchmark()));
		group.append(", ").append(params.getMode().shortLabel());
		group.append(", ").append(params.getThreads()).append((params.getThreads() == 1) ? " thread" : " threads");
		for (String key : params.getParamsKeys()) {
			group.append(", ").append(key).append('=').append(params.getParam(key));
		}
		return group.toString();
	}

	private static @Nullable RunResult baselineOf(List<RunResult> members) {
		return members.stream().filter(BaselineRatios::isBaseline).findFirst().orElse(null);
	}

	private static int nameWidth(List<RunResult> members) {
		return members.stream()
			.mapToInt((member) -> methodName(member.getParams().getBenchmark()).length())
			.max()
			.orElse(0);
	}

	private static String line(RunResult member, @Nullable RunResult baseline, int width) {
		Result<?> score = member.getPrimaryResult();
		String name = methodName(member.getParams().getBenchmark());
		String measured = String.format(Locale.ROOT, "  %-" + width + "s %12.3f ± %9.3f %s", name, score.getScore(),
				score.getScoreError(), score.getScoreUnit());
		if (baseline == null) {
			return measured + "   (no @Baseline method in this run)";
		}
		if (member == baseline) {
			return measured + "   baseline";
		}
		Mode mode = member.getParams().getMode();
		return measured + "   " + String.format(Locale.ROOT, "%.2f×", ratio(score, baseline.getPrimaryResult(), mode))
				+ range(score, baseline.getPrimaryResult(), mode);
	}

	/**
	 * Returns the cost of a score relative to the baseline: above 1 means more expensive,
	 * whichever way the mode measures.
	 */
	private static double ratio(Result<?> score, Result<?> baseline, Mode mode) {
		return (mode == Mode.Throughput) ? baseline.getScore() / score.getScore()
				: score.getScore() / baseline.getScore();
	}

	private static String range(Result<?> score, Result<?> baseline, Mode mode) {
		double value = score.getScore();
		double valueError = score.getScoreError();
		double base = baseline.getScore();
		double baseError = baseline.getScoreError();
		if (!Double.isFinite(valueError) || !Double.isFinite(baseError)) {
			return " (no error estimate: too few iterations)";
		}
		boolean higherIsBetter = mode == Mode.Throughput;
		double low = higherIsBetter ? (base - baseError) / (value + valueError)
				: (value - valueError) / (base + baseError);
		double high = higherIsBetter ? (base + baseError) / (value - valueError)
				: (value + valueError) / (base - baseError);
		return (low > 0 && high > 0) ? String.format(Locale.ROOT, " (%.2f–%.2f)", low, high)
				: " (range n/a: error larger than score)";
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static boolean isBaseline(RunResult result) {
		String benchmark = result.getParams().getBenchmark();
		String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
		String name = methodName(benchmark);
		try {
			for (Method method : Class.forName(type).getMethods()) {
				if (method.getName().equals(name) && method.isAnnotationPresent(Baseline.class)) {
					return true;
				}
			}
			return false;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	private static String simpleClassName(String benchmark) {
		String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
		return type.substring(type.lastIndexOf('.') + 1);
	}

	private static String methodName(String benchmark) {
		return benchmark.substring(benchmark.lastIndexOf('.') + 1);
	}

}
