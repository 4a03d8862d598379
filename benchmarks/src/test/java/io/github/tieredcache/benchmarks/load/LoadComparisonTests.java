package io.github.tieredcache.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadComparisonTests {

	@Test
	void allTargetsMet() {
		LoadReport cached = report("cached", 200, 1_000, new TierCounts(950, 50, 10, 40), 0);
		LoadReport uncached = report("uncached", 5_000, 20_000, TierCounts.NONE, 0);
		List<LoadComparison.Target> targets = LoadComparison.targets(cached, uncached);
		assertThat(targets).hasSize(4).allMatch(LoadComparison.Target::met);
	}

	@Test
	void eachMissedTargetIsReported() {
		LoadReport cached = report("cached", 3_000, 5_000, new TierCounts(500, 500, 0, 500), 2);
		LoadReport uncached = report("uncached", 5_000, 20_000, TierCounts.NONE, 0);
		assertThat(LoadComparison.targets(cached, uncached)).noneMatch(LoadComparison.Target::met);
	}

	@Test
	void printsBothReportsSideBySide() {
		String text = LoadComparison.sideBySide(report("cached", 200, 1, TierCounts.NONE, 0),
				report("uncached", 5_000, 2, TierCounts.NONE, 0));
		assertThat(text.lines().findFirst().orElseThrow()).contains("cached:").contains("uncached:");
	}

	private static LoadReport report(String label, long p50, long queries, TierCounts tiers, long stale) {
		return new LoadReport(label, 10, 8, 10_000, 9_800, 200, 0, p50, p50 * 4, p50, p50 * 4, queries, tiers,
				new StaleReadDetector.Counts(100, stale, 0, 0, List.of()));
	}

}
