package io.github.tieredcache.benchmarks.writes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.tieredcache.benchmarks.writes.WritePhase.Result;
import io.github.tieredcache.benchmarks.writes.WritePhase.WriteWay;

/**
 * Prints the write comparison: a line per phase as it ends, then a Markdown table of the
 * per-round ratios to the first way (the synchronous baseline), as medians with their
 * range over the rounds, and of the database statements and transactions per 1,000
 * acknowledged writes. Stateless.
 */
final class WriteComparisonReport {

	private WriteComparisonReport() {
	}

	static String line(int round, String way, Result result) {
		return String.format(Locale.ROOT,
				"round %d  %-40s %,9.0f writes/s  p50 %8.3f ms  p99 %8.3f ms  %7.1f statements and %7.1f commits "
						+ "per 1,000 writes  drained %5.2f s after the last",
				round, way, result.writesPerSecond(), result.p50Nanos() / 1e6, result.p99Nanos() / 1e6,
				result.statementsPerThousand(), result.commitsPerThousand(), result.drainNanos() / 1e9);
	}

	static String table(List<WriteWay> ways, List<List<Result>> results, int rounds, int threads, int keys,
			double exponent) {
		List<Result> baseline = results.get(0);
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"Medians over %d rounds (range in brackets) of the per-round ratio to the synchronous write; "
						+ "%d threads, %d keys, Zipf %.2f:%n%n",
				rounds, threads, keys, exponent));
		table.append("| Write | Throughput | p50 latency | p99 latency | DB statements per 1,000 writes "
				+ "| DB commits per 1,000 writes | Queue empty after the last write |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		for (int i = 0; i < ways.size(); i++) {
			List<Result> way = results.get(i);
			String throughput;
			String p50;
			String p99;
			if (i == 0) {
				throughput = String.format(Locale.ROOT, "1.00× (%,.0f writes/s)", median(way, Result::writesPerSecond));
				p50 = String.format(Locale.ROOT, "1.00× (%.2f ms)", median(way, (r) -> r.p50Nanos() / 1e6));
				p99 = String.format(Locale.ROOT, "1.00× (%.2f ms)", median(way, (r) -> r.p99Nanos() / 1e6));
			}
			else {
				throughput = ratio(way, baseline, Result::writesPerSecond);
				p50 = ratio(way, baseline, (r) -> r.p50Nanos());
				p99 = ratio(way, baseline, (r) -> r.p99Nanos());
			}
			String drain = (ways.get(i).queuedCache() != null)
					? String.format(Locale.ROOT, "%.1f s", median(way, (r) -> r.drainNanos() / 1e9)) : "–";
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", ways.get(i).name(),
					throughput, p50, p99, perThousand(way, Result::statementsPerThousand),
					perThousand(way, Result::commitsPerThousand), drain));
		}
		return table.toString();
	}

	private static String ratio(List<Result> way, List<Result> baseline, ToDoubleFunction<Result> metric) {
		double[] ratios = new double[way.size()];
		for (int round = 0; round < ratios.length; round++) {
			ratios[round] = metric.applyAsDouble(way.get(round)) / metric.applyAsDouble(baseline.get(round));
		}
		Arrays.sort(ratios);
		return String.format(Locale.ROOT, "%s× (%s–%s)", format(median(ratios)), format(ratios[0]),
				format(ratios[ratios.length - 1]));
	}

	private static String perThousand(List<Result> way, ToDoubleFunction<Result> metric) {
		double[] values = way.stream().mapToDouble(metric).sorted().toArray();
		return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(values), values[0], values[values.length - 1]);
	}

	private static String format(double ratio) {
		return (ratio >= 10) ? String.format(Locale.ROOT, "%.0f", ratio) : String.format(Locale.ROOT, "%.2f", ratio);
	}

	private static double median(List<Result> way, ToDoubleFunction<Result> metric) {
		return median(way.stream().mapToDouble(metric).sorted().toArray());
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
