package io.github.tieredcache.benchmarks.writes;

import java.util.List;

import io.github.tieredcache.benchmarks.writes.WritePhase.Result;
import io.github.tieredcache.benchmarks.writes.WritePhase.WriteWay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteComparisonReportTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void ratiosAreTakenPerRoundAgainstTheFirstWayAndTheirMedianReported() {
		List<WriteWay> ways = List.of(new WriteWay("synchronous", (id, views) -> {
		}, null), new WriteWay("behind", (id, views) -> {
		}, "views"));
		// Round by round the baseline speeds up and slows down; the ratio stays 4×, 5×,
		// 6×
		List<Result> synchronous = List.of(result(1_000, 2_000_000, 1_000), result(2_000, 1_000_000, 1_000),
				result(1_500, 1_000_000, 1_000));
		List<Result> behind = List.of(result(4_000, 500_000, 20), result(10_000, 200_000, 25),
				result(9_000, 250_000, 15));

		String table = WriteComparisonReport.table(ways, List.of(synchronous, behind), 3, 4, 1000, 1.0);

		assertThat(table).contains("| synchronous | 1.00× (1,500 writes/s) |")
			.contains("| behind | 5.00× (4.00–6.00) | 0.25× (0.20–0.25) |")
			.contains("| 20 (15–25) |");
	}

	private static Result result(long writesPerSecond, long p99Nanos, long statementsPerThousand) {
		long writes = writesPerSecond * 10;
		return new Result(writes, 10 * SECOND, p99Nanos / 2, p99Nanos, statementsPerThousand * writes / 1000,
				statementsPerThousand * writes / 1000, SECOND);
	}

}
