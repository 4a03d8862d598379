package io.github.tieredcache.benchmarks.report;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import io.github.tieredcache.benchmarks.Baseline;
import org.jspecify.annotations.Nullable;

/**
 * The results of one benchmark class with one set of {@code @Param} values, each as a
 * ratio of that class's {@link Baseline} result with the same thread count and the same
 * parameters, from the same JMH run. A ratio above 1 always means more expensive than the
 * baseline, whichever way the mode measures.
 *
 * @param className the benchmark class's simple name
 * @param baselineMethod the baseline method
 * @param methods the methods in the order JMH reported them, baseline first
 * @param threadCounts the thread counts present, ascending
 * @param ratios the ratio for each method and thread count
 * @param baselines the baseline's own result for each thread count
 * @param params the {@code @Param} values all these results share; empty when the class
 * has none
 */
public record BaselineComparison(String className, String baselineMethod, List<String> methods,
		List<Integer> threadCounts, Map<String, Map<Integer, Ratio>> ratios, Map<Integer, JmhResult> baselines,
		Map<String, String> params) {

	/**
	 * Groups results by benchmark class and parameters and computes their ratios. Classes
	 * without a {@link Baseline} method are left out.
	 * @param results the results, possibly from several JMH runs with different thread
	 * counts
	 * @return one comparison per class, in order of first appearance
	 */
	public static List<BaselineComparison> of(List<JmhResult> results) {
		return of(results, BaselineComparison::isAnnotatedBaseline);
	}

	static List<BaselineComparison> of(List<JmhResult> results, Predicate<JmhResult> isBaseline) {
		Map<List<Object>, List<JmhResult>> byClassAndParams = new LinkedHashMap<>();
		for (JmhResult result : results) {
			byClassAndParams.computeIfAbsent(List.of(result.className(), result.params()), (key) -> new ArrayList<>())
				.add(result);
		}
		List<BaselineComparison> comparisons = new ArrayList<>();
		byClassAndParams.forEach((group, members) -> {
			JmhResult anyBaseline = members.stream().filter(isBaseline).findFirst().orElse(null);
			if (anyBaseline != null) {
				comparisons.add(compare(members, anyBaseline.method()));
			}
		});
		return comparisons;
	}

	private static BaselineComparison compare(List<JmhResult> members, String baselineMethod) {
		Set<String> methods = new LinkedHashSet<>();
		methods.add(baselineMethod);
		members.forEach((member) -> methods.add(member.method()));
		List<Integer> threadCounts = members.stream().map(JmhResult::threads).distinct().sorted().toList();
		Map<Integer, JmhResult> baselines = new LinkedHashMap<>();
		for (JmhResult member : members) {
			if (member.method().equals(baselineMethod)) {
				baselines.put(member.threads(), member);
			}
		}
		Map<String, Map<Integer, Ratio>> ratios = new LinkedHashMap<>();
		for (JmhResult member : members) {
			JmhResult baseline = baselines.get(member.threads());
			if (baseline != null) {
				ratios.computeIfAbsent(member.method(), (key) -> new LinkedHashMap<>())
					.put(member.threads(), Ratio.of(member, baseline));
			}
		}
		return new BaselineComparison(members.get(0).simpleClassName(), baselineMethod, List.copyOf(methods),
				threadCounts, ratios, baselines, members.get(0).params());
	}

	/**
	 * Returns the ratio of a method with a thread count, if it was measured.
	 * @param method the method
	 * @param threads the thread count
	 * @return the ratio or {@code null}
	 */
	public @Nullable Ratio ratio(String method, int threads) {
		Map<Integer, Ratio> byThreads = this.ratios.get(method);
		return (byThreads != null) ? byThreads.get(threads) : null;
	}

	private static boolean isAnnotatedBaseline(JmhResult result) {
		try {
			for (Method method : Class.forName(result.className()).getMethods()) {
				if (method.getName().equals(result.method()) && method.isAnnotationPresent(Baseline.class)) {
					return true;
				}
			}
			return false;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	/**
	 * A result relative to its baseline.
	 *
	 * @param value the cost relative to the baseline (1 = the same)
	 * @param error the half-width of the ratio's range when both scores move by their
	 * 99.9% error in opposite directions (first-order); {@code NaN} if either score has
	 * no error estimate
	 * @param result the result itself
	 */
	public record Ratio(double value, double error, JmhResult result) {

		static Ratio of(JmhResult result, JmhResult baseline) {
			Objects.requireNonNull(baseline);
			double value = result.higherIsBetter() ? baseline.score() / result.score()
					: result.score() / baseline.score();
			double relative = Math.hypot(result.deviation() / result.score(), baseline.deviation() / baseline.score());
			return new Ratio(value, value * relative, result);
		}

	}

}
