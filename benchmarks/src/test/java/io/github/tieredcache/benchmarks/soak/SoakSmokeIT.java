package io.github.tieredcache.benchmarks.soak;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-minute chaos soak of the sample application, as {@code benchmarks/run-soak.sh}
 * runs it for ten: three instances on one standalone Redis and one database (an H2 server
 * in this JVM), 2% writes and 1% view counts, and a short seeded schedule of Redis and
 * network faults (every one but the restart of an instance, which takes most of a minute
 * on a busy machine). It asserts what must hold whatever the machine's speed: every
 * injected fault recovers (each instance it disturbed has L2 hits again), no read is
 * stale beyond the documented bounds, and no view count written behind the cache is lost
 * unless Redis lost its data (documented). Caller errors are reported, not asserted. The
 * report is in {@code target/soak-smoke}. Needs the sample application's jar, which the
 * build packages before this module.
 */
class SoakSmokeIT {

	@Test
	void faultsRecoverWithoutStaleReadsBeyondTheBoundsOrLostWrites() throws Exception {
		SoakOptions options = SoakOptions.parse("--topology=standalone", "--duration=60s", "--warmup=15s",
				"--database=h2", "--seed=20261205", "--fault-gap=2s..4s", "--recovery-timeout=30s",
				"--faults=redis-kill,redis-pause,pubsub-kill,maxmemory,proxy-latency,proxy-cut",
				"--out=target/soak-smoke");
		SoakReport report = SoakRunner.run(options);
		Path markdown = report.write(options.out());
		SoakReport.Summary summary = report.summary();
		System.out.println(report.markdown());
		System.out.println("Report: " + markdown.toAbsolutePath());

		assertThat(summary.faults()).as("faults injected").isGreaterThanOrEqualTo(4);
		assertThat(summary.unrecoveredFaults()).as("faults that did not recover; see " + markdown).isZero();
		assertThat(summary.staleOutsideBound()).as("stale reads outside the bound; see " + markdown).isZero();
		assertThat(summary.viewsLostOtherwise()).as("view counts lost without a Redis data loss; see " + markdown)
			.isZero();
		assertThat(summary.requests()).isPositive();
	}

}
