package io.github.tieredcache.benchmarks.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineComparisonTests {

	private static final String JSON = """
			[
			  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.caffeineGetIfPresent",
			   "mode": "avgt", "threads": 1,
			   "primaryMetric": {"score": 40.0, "scoreError": 4.0, "scoreUnit": "ns/op", "rawData": [[38.0, 40.0, 42.0]]}},
			  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.cachedL1Hit",
			   "mode": "avgt", "threads": 1,
			   "primaryMetric": {"score": 200.0, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[200.0]]}},
			  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.caffeineGetIfPresent",
			   "mode": "avgt", "threads": 2,
			   "primaryMetric": {"score": 80.0, "scoreError": 1.0, "scoreUnit": "ns/op", "rawData": [[80.0, 80.0]]}},
			  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.cachedL1Hit",
			   "mode": "avgt", "threads": 2,
			   "primaryMetric": {"score": 240.0, "scoreError": 1.0, "scoreUnit": "ns/op", "rawData": [[230.0, 250.0]]}},
			  {"benchmark": "com.example.NoBaselineBenchmark.run",
			   "mode": "thrpt", "threads": 1,
			   "primaryMetric": {"score": 1.0, "scoreError": 0.1, "scoreUnit": "ops/s", "rawData": [[1.0]]}}
			]
			""";

	@Test
	void ratiosAgainstTheAnnotatedBaselineWithTheSameThreadCount() {
		List<BaselineComparison> comparisons = BaselineComparison.of(JmhResult.parse(JSON));
		assertThat(comparisons).singleElement().satisfies((comparison) -> {
			assertThat(comparison.className()).isEqualTo("LocalHitComparisonBenchmark");
			assertThat(comparison.baselineMethod()).isEqualTo("caffeineGetIfPresent");
			assertThat(comparison.threadCounts()).containsExactly(1, 2);
			assertThat(comparison.ratio("cachedL1Hit", 1).value()).isCloseTo(5.0, within(1e-9));
			assertThat(comparison.ratio("cachedL1Hit", 2).value()).isCloseTo(3.0, within(1e-9));
			assertThat(comparison.ratio("caffeineGetIfPresent", 2).value()).isEqualTo(1.0);
		});
	}

	@Test
	void errorsComeFromTheIterationsAndNeedTwoOfThem() {
		BaselineComparison comparison = BaselineComparison.of(JmhResult.parse(JSON)).get(0);
		assertThat(comparison.ratio("cachedL1Hit", 1).error()).isNaN();
		// baseline s.d. 0, member s.d. 14.14 on 240: 3.0 × 0.0589
		assertThat(comparison.ratio("cachedL1Hit", 2).error()).isCloseTo(3.0 * Math.sqrt(200) / 240, within(1e-9));
	}

	@Test
	void throughputRatiosAreInvertedSoAboveOneAlwaysMeansMoreExpensive() {
		JmhResult fast = new JmhResult("a.B.fast", "thrpt", 1, 200, 0, "ops/s", List.of());
		JmhResult slow = new JmhResult("a.B.slow", "thrpt", 1, 100, 0, "ops/s", List.of());
		List<BaselineComparison> comparisons = BaselineComparison.of(List.of(fast, slow),
				(result) -> result.method().equals("fast"));
		assertThat(comparisons.get(0).ratio("slow", 1).value()).isEqualTo(2.0);
	}

	@Test
	void warmingRowsSequentialBeforePipelined() {
		String json = """
				[
				  {"benchmark": "io.github.tieredcache.benchmarks.WarmingBenchmark.lettucePipelinedSets",
				   "mode": "ss", "threads": 1,
				   "primaryMetric": {"score": 100.0, "scoreError": "NaN", "scoreUnit": "ms/op", "rawData": [[100.0]]}},
				  {"benchmark": "io.github.tieredcache.benchmarks.WarmingBenchmark.tieredCacheBulkFill",
				   "mode": "ss", "threads": 1,
				   "primaryMetric": {"score": 200.0, "scoreError": "NaN", "scoreUnit": "ms/op", "rawData": [[200.0]]}},
				  {"benchmark": "io.github.tieredcache.benchmarks.WarmingBenchmark.tieredCacheSequentialPuts",
				   "mode": "ss", "threads": 1,
				   "primaryMetric": {"score": 800.0, "scoreError": "NaN", "scoreUnit": "ms/op", "rawData": [[800.0]]}}
				]
				""";
		List<BaselineComparison> comparisons = BaselineComparison.of(JmhResult.parse(json));
		assertThat(comparisons).singleElement()
			.satisfies((comparison) -> assertThat(comparison.baselineMethod()).isEqualTo("tieredCacheSequentialPuts"));
		assertThat(SuiteReport.markdown(comparisons)).containsSubsequence("### Warming 10,000 entries",
				"| 10,000 TieredCache.put (baseline) | 1.00× (800 ms/op) |",
				"| 10,000 Lettuce SET, pipelined | **0.13×** |", "| 10,000 by TieredCache.bulkFill | **0.25×** |");
	}

	@Test
	void markdownAndImageNames() {
		String markdown = SuiteReport.markdown(BaselineComparison.of(JmhResult.parse(JSON)));
		assertThat(markdown).contains("### Hit in process (L1)")
			.contains("| Caffeine getIfPresent (baseline) | 1.00× (40.0 ns/op) | 1.00× (80.0 ns/op) |")
			.contains("| @Cached, L1 hit | **5.00×** | **3.00×** ± 0.18 |");
		assertThat(SuiteReport.imageName("MissAndFillComparisonBenchmark")).isEqualTo("benchmark-miss-and-fill.png");
		assertThat(SuiteReport.imageName("WarmingBenchmark")).isEqualTo("benchmark-warming.png");
	}

	@Test
	void eachSetOfParametersIsComparedWithItsOwnBaseline() {
		String json = """
				[
				  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.caffeineGetIfPresent",
				   "mode": "avgt", "threads": 1, "params": {"keyType": "STRING"},
				   "primaryMetric": {"score": 10.0, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[10.0]]}},
				  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.tieredCacheGetL1Hit",
				   "mode": "avgt", "threads": 1, "params": {"keyType": "STRING"},
				   "primaryMetric": {"score": 15.0, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[15.0]]}},
				  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.caffeineGetIfPresent",
				   "mode": "avgt", "threads": 1, "params": {"keyType": "LONG"},
				   "primaryMetric": {"score": 20.0, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[20.0]]}},
				  {"benchmark": "io.github.tieredcache.benchmarks.LocalHitComparisonBenchmark.tieredCacheGetL1Hit",
				   "mode": "avgt", "threads": 1, "params": {"keyType": "LONG"},
				   "primaryMetric": {"score": 60.0, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[60.0]]}}
				]
				""";
		List<BaselineComparison> comparisons = BaselineComparison.of(JmhResult.parse(json));
		assertThat(comparisons).extracting(BaselineComparison::params)
			.containsExactly(Map.of("keyType", "STRING"), Map.of("keyType", "LONG"));
		assertThat(comparisons.get(0).ratio("tieredCacheGetL1Hit", 1).value()).isCloseTo(1.5, within(1e-9));
		assertThat(comparisons.get(1).ratio("tieredCacheGetL1Hit", 1).value()).isCloseTo(3.0, within(1e-9));
		assertThat(SuiteReport.markdown(comparisons)).containsSubsequence("### Hit in process (L1), keyType STRING",
				"### Hit in process (L1), keyType LONG");
		assertThat(SuiteReport.imageName("LocalHitComparisonBenchmark", Map.of("keyType", "SIMPLE_KEY")))
			.isEqualTo("benchmark-local-hit-simple-key.png");
	}

}
