package io.github.tieredcache.benchmarks.soak;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import io.github.tieredcache.benchmarks.soak.SoakAnalysis.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HitRatioChartTests {

	@Test
	void drawsTheHitRatioWithEachKindOfFaultShaded(@TempDir Path directory) throws Exception {
		List<Point> series = List.of(new Point(0, 5, 0.9, 0.85, 0.4), new Point(5, 10, 0.6, 0.55, 0.1),
				new Point(10, 15, 0.92, 0.86, 0.5));
		List<FaultRecord> faults = List.of(
				new FaultRecord(FaultKind.REDIS_KILL, "killed", null, Set.of(0), 5_000_000_000L, 7_000_000_000L,
						8_000_000_000L, true, null),
				new FaultRecord(FaultKind.PUBSUB_KILL, "killed", null, Set.of(0), 12_000_000_000L, 12_000_000_000L, -1,
						false, null));
		Path png = directory.resolve("hit-ratio.png");
		System.setProperty("java.awt.headless", "true");
		HitRatioChart.write(png, "Hit ratio", series, faults, 0);
		BufferedImage image = ImageIO.read(png.toFile());
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isGreaterThan(1000);
		assertThat(HitRatioChart.chart("Hit ratio", series, faults, 0).getSeriesMap()).containsOnlyKeys("redis_kill",
				"pubsub_kill", "L1 hit ratio", "hit ratio (L1 or L2)");
	}

}
