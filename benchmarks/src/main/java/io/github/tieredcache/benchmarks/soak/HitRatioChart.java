package io.github.tieredcache.benchmarks.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.tieredcache.benchmarks.soak.SoakAnalysis.Point;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the hit ratio over a soak as a PNG, with each fault's window (from injection to
 * recovery) shaded behind it, one colour per kind of fault.
 */
final class HitRatioChart {

	private static final Color[] FAULT_COLORS = { new Color(214, 39, 40, 60), new Color(255, 127, 14, 60),
			new Color(148, 103, 189, 60), new Color(44, 160, 44, 60), new Color(140, 86, 75, 60),
			new Color(227, 119, 194, 60), new Color(127, 127, 127, 60), new Color(188, 189, 34, 60),
			new Color(23, 190, 207, 60) };

	/** Faults over at once are drawn this wide, so that they can be seen. */
	private static final double MIN_WIDTH_SECONDS = 1.0;

	private HitRatioChart() {
	}

	/**
	 * Draws the chart.
	 * @param title the chart's title
	 * @param series the hit ratio per interval
	 * @param faults the faults
	 * @param measureStart when measuring started, to place the faults
	 * @return the chart
	 */
	static XYChart chart(String title, List<Point> series, List<FaultRecord> faults, long measureStart) {
		XYChart chart = new XYChartBuilder().width(1200)
			.height(500)
			.title(title)
			.xAxisTitle("seconds since measuring started")
			.yAxisTitle("hit ratio (%)")
			.build();
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
		chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setPlotGridLinesVisible(true);
		chart.getStyler().setYAxisMin(0.0);
		chart.getStyler().setYAxisMax(100.0);
		chart.getStyler().setXAxisMin(0.0);
		chart.getStyler().setYAxisDecimalPattern("0");
		chart.getStyler().setXAxisDecimalPattern("0");
		Map<FaultKind, List<double[]>> windows = new EnumMap<>(FaultKind.class);
		for (FaultRecord fault : faults) {
			double from = (fault.startNanos() - measureStart) / 1e9;
			double to = ((fault.recovered() ? fault.recoveredNanos() : fault.endNanos()) - measureStart) / 1e9;
			windows.computeIfAbsent(fault.kind(), (kind) -> new ArrayList<>())
				.add(new double[] { from, Math.max(to, from + MIN_WIDTH_SECONDS) });
		}
		int color = 0;
		for (Map.Entry<FaultKind, List<double[]>> entry : windows.entrySet()) {
			List<Double> x = new ArrayList<>();
			List<Double> y = new ArrayList<>();
			for (double[] window : entry.getValue()) {
				x.addAll(List.of(window[0], window[0], window[1], window[1]));
				y.addAll(List.of(0.0, 100.0, 100.0, 0.0));
			}
			XYSeries shade = chart.addSeries(entry.getKey().name().toLowerCase(java.util.Locale.ROOT), x, y);
			shade.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
			shade.setMarker(SeriesMarkers.NONE);
			Color fill = FAULT_COLORS[color++ % FAULT_COLORS.length];
			shade.setFillColor(fill);
			// the legend shows a series by its line: a thin, darker edge of the same
			// colour
			shade.setLineColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), 160));
			shade.setLineStyle(new BasicStroke(0.8f));
		}
		List<Double> x = new ArrayList<>();
		List<Double> hit = new ArrayList<>();
		List<Double> l1 = new ArrayList<>();
		for (Point point : series) {
			double at = (point.fromSeconds() + point.toSeconds()) / 2;
			x.add(at);
			hit.add(percent(point.hitRatio()));
			l1.add(percent(point.l1HitRatio()));
		}
		if (x.isEmpty()) {
			x.add(0.0);
			hit.add(0.0);
			l1.add(0.0);
		}
		XYSeries l1Series = chart.addSeries("L1 hit ratio", x, l1);
		l1Series.setMarker(SeriesMarkers.NONE);
		l1Series.setLineColor(new Color(0x9ecae1));
		l1Series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
		XYSeries hitSeries = chart.addSeries("hit ratio (L1 or L2)", x, hit);
		hitSeries.setMarker(SeriesMarkers.NONE);
		hitSeries.setLineColor(new Color(0x1f77b4));
		hitSeries.setLineStyle(new BasicStroke(2.0f));
		hitSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
		return chart;
	}

	/**
	 * Draws the chart into a PNG file.
	 * @param file the file
	 * @param title the title
	 * @param series the hit ratio per interval
	 * @param faults the faults
	 * @param measureStart when measuring started
	 * @throws IOException if the file cannot be written
	 */
	static void write(Path file, String title, List<Point> series, List<FaultRecord> faults, long measureStart)
			throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		BitmapEncoder.saveBitmapWithDPI(chart(title, series, faults, measureStart), file.toString(), BitmapFormat.PNG,
				110);
	}

	private static double percent(double ratio) {
		return Double.isNaN(ratio) ? 0.0 : ratio * 100;
	}

}
