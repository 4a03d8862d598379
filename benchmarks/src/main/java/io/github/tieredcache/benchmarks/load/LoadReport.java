package io.github.tieredcache.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

/**
 * What one load run measured. Latencies are in microseconds, as the client saw them.
 *
 * @param label the run's name
 * @param seconds measured time
 * @param threads concurrent clients
 * @param requests requests completed in the measured time (errors included)
 * @param reads of which reads
 * @param writes of which writes
 * @param errors requests that failed or had an unexpected status
 * @param p50Micros median latency over all requests
 * @param p99Micros 99th percentile over all requests
 * @param readP50Micros median read latency
 * @param readP99Micros 99th percentile read latency
 * @param queries database queries in the measured time, from {@code /stats}
 * @param tiers gets per tier in the measured time
 * @param stale stale-read counts
 */
public record LoadReport(String label, double seconds, int threads, long requests, long reads, long writes, long errors,
		long p50Micros, long p99Micros, long readP50Micros, long readP99Micros, long queries, TierCounts tiers,
		StaleReadDetector.Counts stale) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Returns completed requests per second.
	 * @return the rate
	 */
	public double requestsPerSecond() {
		return this.requests / this.seconds;
	}

	/**
	 * Writes the report as JSON.
	 * @param file the file
	 * @throws IOException if it cannot be written
	 */
	public void write(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
	}

	/**
	 * Reads a report written by {@link #write(Path)}.
	 * @param file the file
	 * @return the report
	 * @throws IOException if it cannot be read
	 */
	public static LoadReport read(Path file) throws IOException {
		return JSON.readValue(Files.readString(file), LoadReport.class);
	}

	/**
	 * Returns the report as lines of text.
	 * @return the lines
	 */
	public List<String> lines() {
		return List.of(String.format(Locale.ROOT, "%s: %d threads for %.0f s", this.label, this.threads, this.seconds),
				String.format(Locale.ROOT, "requests/s          %,.0f", requestsPerSecond()),
				String.format(Locale.ROOT, "requests            %,d (%,d reads, %,d writes, %,d errors)", this.requests,
						this.reads, this.writes, this.errors),
				String.format(Locale.ROOT, "latency p50 / p99   %s / %s", millis(this.p50Micros),
						millis(this.p99Micros)),
				String.format(Locale.ROOT, "reads p50 / p99     %s / %s", millis(this.readP50Micros),
						millis(this.readP99Micros)),
				String.format(Locale.ROOT, "database queries    %,d", this.queries),
				String.format(Locale.ROOT, "hit ratio           %s (L1 %s, L2 %s of L1 misses)",
						percent(this.tiers.hitRatio()), percent(this.tiers.l1HitRatio()),
						percent(this.tiers.l2HitRatio())),
				String.format(Locale.ROOT, "stale reads         %,d (%,d lists checked, %,d by-id reads checked)",
						this.stale.stale(), this.stale.listChecks(), this.stale.versionChecks()));
	}

	static String millis(long micros) {
		return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
	}

	static String percent(double ratio) {
		return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
	}

}
