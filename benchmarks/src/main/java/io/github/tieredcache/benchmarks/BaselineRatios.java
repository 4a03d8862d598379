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
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.BaselineRatios L1HitBenchmark -f 1 -wi 3 -i 5
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
		Collection<RunResult> results = new Runner(options).run();
		System.out.println();
		System.out.print(report(results));
	}

	static String report(Collection<RunResult> results) {
		Map<String, List<RunResult>> groups = new LinkedHashMap<>();
		for (RunResult result : results) {
			groups.computeIfAbsent(groupOf(result.getParams()), (group) -> new ArrayList<>()).add(result);
		}
		StringBuilder report = new StringBuilder(
				"Ratios to each class's baseline, from this run (cost per operation; 1.00 = baseline):\n");
		groups.forEach((group, members) -> {
			report.append('\n').append(group).append('\n');
			RunResult baseline = members.stream().filter(BaselineRatios::isBaseline).findFirst().orElse(null);
			for (RunResult member : members) {
				report.append(line(member, baseline)).append('\n');
			}
		});
		return report.toString();
	}

	private static String groupOf(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
		StringBuilder group = new StringBuilder(type.substring(type.lastIndexOf('.') + 1));
		group.append(", ").append(params.getMode().shortLabel());
		group.append(", ").append(params.getThreads()).append((params.getThreads() == 1) ? " thread" : " threads");
		for (String key : params.getParamsKeys()) {
			group.append(", ").append(key).append('=').append(params.getParam(key));
		}
		return group.toString();
	}

	private static String line(RunResult member, @Nullable RunResult baseline) {
		Result<?> score = member.getPrimaryResult();
		String name = methodName(member.getParams().getBenchmark());
		String measured = String.format(Locale.ROOT, "  %-26s %12.3f ± %9.3f %s", name, score.getScore(),
				score.getScoreError(), score.getScoreUnit());
		if (baseline == null) {
			return measured + "   (no @Baseline method in this run)";
		}
		if (member == baseline) {
			return measured + "   baseline";
		}
		return measured + "   " + ratio(score, baseline.getPrimaryResult(), member.getParams().getMode());
	}

	private static String ratio(Result<?> score, Result<?> baseline, Mode mode) {
		boolean higherIsBetter = mode == Mode.Throughput;
		double value = score.getScore();
		double valueError = score.getScoreError();
		double base = baseline.getScore();
		double baseError = baseline.getScoreError();
		double ratio = higherIsBetter ? base / value : value / base;
		if (!Double.isFinite(valueError) || !Double.isFinite(baseError)) {
			return String.format(Locale.ROOT, "%.2f×", ratio) + " (no error estimate: too few iterations)";
		}
		double low = higherIsBetter ? (base - baseError) / (value + valueError)
				: (value - valueError) / (base + baseError);
		double high = higherIsBetter ? (base + baseError) / (value - valueError)
				: (value + valueError) / (base - baseError);
		String range = (low > 0 && high > 0) ? String.format(Locale.ROOT, " (%.2f–%.2f)", low, high) : " (range n/a)";
		return String.format(Locale.ROOT, "%.2f×", ratio) + range;
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

	private static String methodName(String benchmark) {
		return benchmark.substring(benchmark.lastIndexOf('.') + 1);
	}

}
