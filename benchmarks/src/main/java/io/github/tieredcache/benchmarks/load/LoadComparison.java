package io.github.tieredcache.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints two load reports side by side, caching on and caching off, and checks the
 * targets: a hit ratio of at least 90%, at least 90% fewer database queries per request,
 * a cached median latency at most 10% of the uncached one, and no stale reads. Exits with
 * status 1 if a target is missed.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.load.LoadComparison cached.json uncached.json
 * </pre>
 */
public final class LoadComparison {

	private LoadComparison() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("Usage: LoadComparison <cached report.json> <uncached report.json>");
			System.exit(2);
		}
		LoadReport cached = LoadReport.read(Path.of(args[0]));
		LoadReport uncached = LoadReport.read(Path.of(args[1]));
		System.out.println(sideBySide(cached, uncached));
		List<Target> targets = targets(cached, uncached);
		System.out.println();
		targets.forEach((target) -> System.out.println(target));
		System.exit(targets.stream().allMatch(Target::met) ? 0 : 1);
	}

	static String sideBySide(LoadReport left, LoadReport right) {
		List<String> leftLines = left.lines();
		List<String> rightLines = right.lines();
		int width = leftLines.stream().mapToInt(String::length).max().orElse(0) + 4;
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < Math.max(leftLines.size(), rightLines.size()); i++) {
			String l = (i < leftLines.size()) ? leftLines.get(i) : "";
			String r = (i < rightLines.size()) ? rightLines.get(i) : "";
			out.append(String.format(Locale.ROOT, "%-" + width + "s%s%n", l, r));
		}
		return out.toString();
	}

	static List<Target> targets(LoadReport cached, LoadReport uncached) {
		List<Target> targets = new ArrayList<>();
		double hitRatio = cached.tiers().hitRatio();
		targets.add(new Target("hit ratio >= 90%", LoadReport.percent(hitRatio), hitRatio >= 0.90));
		// Per request, not per second: the generator is closed-loop, so the cached run
		// serves many more requests in the same time; the same work is what compares
		double cachedPerRequest = (cached.requests() > 0) ? (double) cached.queries() / cached.requests() : Double.NaN;
		double uncachedPerRequest = (uncached.requests() > 0) ? (double) uncached.queries() / uncached.requests()
				: Double.NaN;
		double fewer = (uncachedPerRequest > 0) ? 1 - cachedPerRequest / uncachedPerRequest : Double.NaN;
		targets.add(new Target("database queries per request >= 90% fewer",
				String.format(Locale.ROOT, "%s fewer (%.3f vs %.3f per request; %.1f/s vs %.1f/s)",
						LoadReport.percent(fewer), cachedPerRequest, uncachedPerRequest,
						cached.queries() / cached.seconds(), uncached.queries() / uncached.seconds()),
				fewer >= 0.90));
		double p50 = (uncached.p50Micros() > 0) ? (double) cached.p50Micros() / uncached.p50Micros() : Double.NaN;
		targets
			.add(new Target("cached p50 <= 10% of uncached p50",
					String.format(Locale.ROOT, "%s (%s vs %s)", LoadReport.percent(p50),
							LoadReport.millis(cached.p50Micros()), LoadReport.millis(uncached.p50Micros())),
					p50 <= 0.10));
		long stale = cached.stale().stale() + uncached.stale().stale();
		targets.add(new Target("zero stale reads",
				stale + " (cached " + cached.stale().stale() + ", uncached " + uncached.stale().stale() + ")",
				stale == 0 && cached.stale().listChecks() > 0));
		return targets;
	}

	/**
	 * One target and whether the runs met it.
	 *
	 * @param name what is aimed for
	 * @param measured what was measured
	 * @param met whether it was met
	 */
	record Target(String name, String measured, boolean met) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%-42s %-40s %s", this.name, this.measured, this.met ? "met" : "NOT MET");
		}

	}

}
