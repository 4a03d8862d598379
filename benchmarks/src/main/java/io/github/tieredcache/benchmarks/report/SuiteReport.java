package io.github.tieredcache.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.tieredcache.benchmarks.report.BaselineComparison.Ratio;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Reads JMH JSON reports and writes, for each benchmark class with a baseline, a bar
 * chart of every method's cost relative to that baseline (one bar per thread count, with
 * the combined 99.9% error as an error bar) and a Markdown table of the same ratios.
 *
 * <pre class="code">
 * java -cp benchmarks/target/benchmarks.jar io.github.tieredcache.benchmarks.report.SuiteReport \
 *     --images docs/images --markdown benchmarks/target/suite/results.md results-1t.json results-2t.json
 * </pre>
 */
public final class SuiteReport {

	private static final Map<String, String> TITLES = Map.of("LocalHitComparisonBenchmark", "Hit in process (L1)",
			"RedisHitComparisonBenchmark", "Hit in Redis (L2)", "MissAndFillComparisonBenchmark",
			"Miss: run the method, fill the cache", "WarmingBenchmark", "Warming 10,000 entries",
			"NearCacheHitComparisonBenchmark", "Near-cache hit: tiered cache, JetCache, Redisson");

	/** Classes in reading order: in process, Redis, miss, warming. */
	private static final List<String> CLASS_ORDER = List.of("LocalHitComparisonBenchmark",
			"NearCacheHitComparisonBenchmark", "RedisHitComparisonBenchmark", "MissAndFillComparisonBenchmark",
			"WarmingBenchmark");

	/**
	 * Methods in reading order: the baseline, Spring's cache, ours by annotation, ours
	 * directly; for warming, the sequential paths before the pipelined ones.
	 */
	private static final List<String> METHOD_ORDER = List.of("caffeineGetIfPresent", "lettuceGetAndDecode",
			"lettuceGetOnTieredConnection", "lettuceGetMissAndSet", "lettuceGetMissAndSetOnTieredConnection",
			"tieredCacheSequentialPuts", "lettuceSequentialSets", "lettucePipelinedSets", "tieredCacheBulkFill",
			"springCacheableCaffeine", "springCacheableTiered", "springCacheableRedis", "springCacheableRedisMiss",
			"cachedL1Hit", "cachedL2Hit", "cachedMissAndFill", "tieredCacheGetL1Hit", "tieredCacheGetL2Hit",
			"tieredCacheGetMissAndFill");

	private static final Map<String, String> LABELS = Map.ofEntries(
			Map.entry("caffeineGetIfPresent", "Caffeine getIfPresent"),
			Map.entry("springCacheableCaffeine", "@Cacheable + CaffeineCacheManager"),
			Map.entry("springCacheableTiered", "@Cacheable + TieredCacheManager, L1 hit"),
			Map.entry("cachedL1Hit", "@Cached, L1 hit"), Map.entry("tieredCacheGetL1Hit", "TieredCache.get, L1 hit"),
			Map.entry("lettuceGetAndDecode", "Lettuce GET + decode"),
			Map.entry("lettuceGetOnTieredConnection", "Lettuce GET + decode, tiered cache's connection"),
			Map.entry("springCacheableRedis", "@Cacheable + RedisCacheManager"),
			Map.entry("cachedL2Hit", "@Cached, L2 hit"), Map.entry("tieredCacheGetL2Hit", "TieredCache.get, L2 hit"),
			Map.entry("lettuceGetMissAndSet", "Lettuce GET (miss) + SET"),
			Map.entry("lettuceGetMissAndSetOnTieredConnection", "Lettuce GET (miss) + SET, tiered cache's connection"),
			Map.entry("springCacheableRedisMiss", "@Cacheable + RedisCacheManager"),
			Map.entry("cachedMissAndFill", "@Cached, miss and fill"),
			Map.entry("tieredCacheGetMissAndFill", "TieredCache.get(key, loader)"),
			Map.entry("jetCacheMultiLevelGet", "JetCache MultiLevelCache.get"),
			Map.entry("redissonLocalCachedMapGet", "Redisson RLocalCachedMap.get"),
			Map.entry("tieredCacheSequentialPuts", "10,000 TieredCache.put"),
			Map.entry("lettuceSequentialSets", "10,000 Lettuce SET, one by one"),
			Map.entry("lettucePipelinedSets", "10,000 Lettuce SET, pipelined"),
			Map.entry("tieredCacheBulkFill", "10,000 by TieredCache.bulkFill"));

	private static final Color[] SERIES_COLORS = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c) };

	private SuiteReport() {
	}

	public static void main(String[] args) throws IOException {
		Path images = null;
		Path markdown = null;
		List<Path> reports = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--images" -> images = Path.of(requireValue(args, ++i, "--images"));
				case "--markdown" -> markdown = Path.of(requireValue(args, ++i, "--markdown"));
				default -> reports.add(Path.of(args[i]));
			}
		}
		if (reports.isEmpty()) {
			throw new IllegalArgumentException(
					"Name at least one JMH JSON report, e.g. SuiteReport --images docs/images results.json");
		}
		List<JmhResult> results = new ArrayList<>();
		for (Path report : reports) {
			results.addAll(JmhResult.read(report));
		}
		List<BaselineComparison> comparisons = new ArrayList<>(BaselineComparison.of(results));
		comparisons.sort(Comparator.comparingInt((comparison) -> rank(CLASS_ORDER, comparison.className())));
		String table = markdown(comparisons);
		System.out.println(table);
		if (markdown != null) {
			Files.createDirectories(markdown.toAbsolutePath().getParent());
			Files.writeString(markdown, table);
		}
		if (images != null) {
			Files.createDirectories(images);
			for (BaselineComparison comparison : comparisons) {
				Path file = images.resolve(imageName(comparison.className(), comparison.params()));
				BitmapEncoder.saveBitmapWithDPI(chart(comparison), file.toString(), BitmapFormat.PNG, 144);
				System.out.println("Wrote " + file);
			}
		}
	}

	private static String requireValue(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	/**
	 * Returns the file name of a class's chart: {@code benchmark-} and the class name
	 * without its {@code ComparisonBenchmark}/{@code Benchmark} suffix, in kebab case.
	 * @param className the simple class name
	 * @return the file name
	 */
	static String imageName(String className) {
		return imageName(className, Map.of());
	}

	/**
	 * Returns the file name of the chart of a class run with some {@code @Param} values:
	 * as {@link #imageName(String)}, with each value appended, e.g.
	 * {@code benchmark-local-hit-long.png} for {@code keyType=LONG}.
	 * @param className the simple class name
	 * @param params the parameter values
	 * @return the file name
	 */
	static String imageName(String className, Map<String, String> params) {
		String stem = className.replaceFirst("(Comparison)?Benchmark$", "");
		StringBuilder name = new StringBuilder("benchmark-")
			.append(stem.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
		params.values()
			.forEach((value) -> name.append('-').append(value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
		return name.append(".png").toString();
	}

	private static int rank(List<String> order, String name) {
		int index = order.indexOf(name);
		return (index >= 0) ? index : order.size();
	}

	private static List<String> ordered(List<String> methods) {
		List<String> sorted = new ArrayList<>(methods);
		sorted.sort(Comparator.comparingInt((method) -> rank(METHOD_ORDER, method)));
		return sorted;
	}

	static String title(String className) {
		return TITLES.getOrDefault(className, className);
	}

	static String title(BaselineComparison comparison) {
		StringBuilder title = new StringBuilder(title(comparison.className()));
		comparison.params().forEach((name, value) -> title.append(", ").append(name).append(' ').append(value));
		return title.toString();
	}

	static String label(String method) {
		return LABELS.getOrDefault(method, method);
	}

	static String markdown(List<BaselineComparison> comparisons) {
		StringBuilder out = new StringBuilder();
		for (BaselineComparison comparison : comparisons) {
			out.append("### ").append(title(comparison)).append("\n\n");
			out.append("| |");
			comparison.threadCounts().forEach((threads) -> out.append(' ').append(threadsLabel(threads)).append(" |"));
			out.append("\n| --- |");
			comparison.threadCounts().forEach((threads) -> out.append(" --- |"));
			out.append('\n');
			for (String method : ordered(comparison.methods())) {
				boolean baseline = method.equals(comparison.baselineMethod());
				out.append("| ").append(label(method)).append(baseline ? " (baseline)" : "").append(" |");
				for (int threads : comparison.threadCounts()) {
					out.append(' ').append(cell(comparison.ratio(method, threads), baseline)).append(" |");
				}
				out.append('\n');
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String cell(@Nullable Ratio ratio, boolean baseline) {
		if (ratio == null) {
			return "–";
		}
		if (baseline) {
			return String.format(Locale.ROOT, "1.00× (%s %s)", absolute(ratio.result().score()), ratio.result().unit());
		}
		String error = Double.isFinite(ratio.error()) ? String.format(Locale.ROOT, " ± %.2f", ratio.error()) : "";
		return String.format(Locale.ROOT, "**%.2f×**%s", ratio.value(), error);
	}

	private static String absolute(double score) {
		return (score >= 100) ? String.format(Locale.ROOT, "%,.0f", score) : String.format(Locale.ROOT, "%.1f", score);
	}

	private static String threadsLabel(int threads) {
		return threads + ((threads == 1) ? " thread" : " threads");
	}

	static CategoryChart chart(BaselineComparison comparison) {
		CategoryChart chart = new CategoryChartBuilder().width(900)
			.height(520)
			.title(title(comparison) + " – cost per operation, × " + label(comparison.baselineMethod()))
			.yAxisTitle("× baseline (same run); bars ± 1 s.d. of iterations")
			.build();
		chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
		chart.getStyler().setXAxisLabelRotation(12);
		chart.getStyler().setLabelsVisible(true);
		chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		chart.getStyler().setYAxisDecimalPattern("0.00");
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
		chart.getStyler().setSeriesColors(SERIES_COLORS);
		List<String> methods = ordered(comparison.methods()).stream()
			.filter((method) -> comparison.threadCounts()
				.stream()
				.allMatch((threads) -> comparison.ratio(method, threads) != null))
			.toList();
		List<String> categories = methods.stream().map(SuiteReport::label).toList();
		for (int threads : comparison.threadCounts()) {
			List<Double> values = new ArrayList<>();
			List<Double> errors = new ArrayList<>();
			for (String method : methods) {
				Ratio ratio = comparison.ratio(method, threads);
				values.add(ratio.value());
				errors.add(Double.isFinite(ratio.error()) ? ratio.error() : 0.0);
			}
			chart.addSeries(threadsLabel(threads), categories, values, errors);
		}
		chart.addAnnotation(new AnnotationLine(1.0, false, false));
		return chart;
	}

}
