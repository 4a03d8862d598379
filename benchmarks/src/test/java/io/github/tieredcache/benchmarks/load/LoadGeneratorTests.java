package io.github.tieredcache.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTests {

	@Test
	void reportsHitsQueriesLatencyAndNoStaleReadsAgainstACorrectApplication() throws Exception {
		try (FakeSampleApp app = new FakeSampleApp(true)) {
			LoadReport report = run(app, "correct");
			assertThat(report.requests()).isPositive();
			assertThat(report.reads() + report.writes()).isEqualTo(report.requests());
			assertThat(report.writes()).isPositive();
			assertThat(report.errors()).isZero();
			assertThat(report.queries()).isPositive();
			assertThat(report.tiers().l1Hits()).isPositive();
			assertThat(report.p50Micros()).isPositive().isLessThanOrEqualTo(report.p99Micros());
			assertThat(report.stale().listChecks()).isPositive();
			assertThat(report.stale().stale()).isZero();
		}
	}

	@Test
	void countsStaleReadsWhenCreatesDoNotInvalidateTheList() throws Exception {
		try (FakeSampleApp app = new FakeSampleApp(false)) {
			LoadReport report = run(app, "stale");
			assertThat(report.stale().staleLists()).isPositive();
			assertThat(report.stale().examples()).isNotEmpty();
		}
	}

	private static LoadReport run(FakeSampleApp app, String label) throws Exception {
		LoadOptions options = LoadOptions.parse("--base-url=" + app.baseUrl(), "--label=" + label, "--threads=4",
				"--warmup=300ms", "--duration=1500ms", "--write-ratio=0.1", "--seed=7");
		return new LoadGenerator(options, options.baseUrls().stream().map(SampleApi::new).toList()).run();
	}

}
