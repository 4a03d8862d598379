package io.github.tieredcache.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.tieredcache.benchmarks.load.StaleReadDetector.StaleRead;
import io.github.tieredcache.benchmarks.load.TierCounts;
import io.github.tieredcache.benchmarks.soak.SoakAnalysis.SoakFindings;
import io.github.tieredcache.benchmarks.soak.SoakAnalysis.Staleness;
import io.github.tieredcache.benchmarks.soak.SoakAnalysis.WriteBehind;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak's report: Markdown ({@code report.md}), the hit ratio over time
 * ({@code hit-ratio.png}), the key figures as JSON ({@code summary.json}) and every stale
 * read ({@code stale-reads.csv}), in the output directory.
 *
 * @param options the options of the run
 * @param redis the Redis deployment, described
 * @param database the database, described
 * @param findings what the soak found
 * @param measureStart when measuring started, a {@link SoakClock} reading
 */
record SoakReport(SoakOptions options, String redis, String database, SoakFindings findings, long measureStart) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Returns whether the run passed: every fault injected and recovered, no stale read
	 * outside the bound, no write-behind write lost without a Redis data loss to explain
	 * it.
	 * @return the verdict
	 */
	boolean passed() {
		return this.findings.unrecoveredFaults() == 0 && this.findings.staleness().outsideBound() == 0
				&& this.findings.writeBehind().unexplainedLost() == 0;
	}

	/**
	 * Returns the key figures.
	 * @return the summary
	 */
	Summary summary() {
		SoakFindings f = this.findings;
		Duration worst = f.worstRecovery();
		return new Summary(this.options.topology().name().toLowerCase(Locale.ROOT), this.options.seed(),
				f.measured().toSeconds(), f.faults().size(), f.unrecoveredFaults(),
				(worst != null) ? worst.toMillis() : -1, f.load().requests(), f.errors().insideFaults(),
				f.errors().outsideFaults(), f.staleness().total(), f.staleness().withinBusBound(),
				f.staleness().withinFaultBound(), f.staleness().outsideBound(), f.staleness().betweenFaults(),
				f.staleness().maxBetweenFaults().toMillis(), f.writeBehind().acknowledged(), f.writeBehind().database(),
				f.writeBehind().lostToRedisData(), f.writeBehind().unexplainedLost(),
				f.hitRatios().overall().hitRatio(), f.hitRatios().duringFaults().hitRatio(),
				f.hitRatios().betweenFaults().hitRatio(), passed());
	}

	/**
	 * Writes the report, the chart and the summary.
	 * @param directory the output directory
	 * @return the Markdown file
	 * @throws IOException if they cannot be written
	 */
	Path write(Path directory) throws IOException {
		Files.createDirectories(directory);
		HitRatioChart.write(directory.resolve("hit-ratio.png"),
				"Hit ratio, " + this.options.topology().name().toLowerCase(Locale.ROOT) + " soak (seed "
						+ this.options.seed() + "); shaded: faults until recovery",
				this.findings.hitRatios().series(), this.findings.faults(), this.measureStart);
		Files.writeString(directory.resolve("summary.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary()));
		writeStaleReads(directory.resolve("stale-reads.csv"));
		Path markdown = directory.resolve("report.md");
		Files.writeString(markdown, markdown());
		return markdown;
	}

	private void writeStaleReads(Path file) throws IOException {
		StringBuilder csv = new StringBuilder("read_start_s,missed_ack_s,age_ms,kind,read_instance,write_instance,"
				+ "bound,fault,fault_start_s,fault_recovered_s,description\n");
		List<FaultRecord> faults = this.findings.faults();
		for (SoakAnalysis.Judged judged : this.findings.staleness().all()) {
			StaleRead stale = judged.read();
			FaultRecord fault = judged.fault();
			String bound = judged.withinBusBound() ? "bus" : (fault != null) ? "fault" : "outside";
			csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.1f,%s,%d,%d,%s,%s,%s,%s,\"%s\"%n",
					seconds(stale.readStartNanos()), seconds(stale.missedAckNanos()), stale.age().toNanos() / 1e6,
					stale.kind(), stale.readInstance(), stale.writeInstance(), bound,
					(fault != null) ? (faults.indexOf(fault) + 1) + ":" + fault.kind().name().toLowerCase(Locale.ROOT)
							: "",
					(fault != null) ? String.format(Locale.ROOT, "%.3f", seconds(fault.startNanos())) : "",
					(fault != null && fault.recovered())
							? String.format(Locale.ROOT, "%.3f", seconds(fault.recoveredNanos())) : "",
					stale.description().replace("\"", "'")));
		}
		Files.writeString(file, csv);
	}

	private double seconds(long nanos) {
		return (nanos - this.measureStart) / 1e9;
	}

	/**
	 * Renders the report as Markdown.
	 * @return the text
	 */
	String markdown() {
		SoakFindings f = this.findings;
		StringBuilder md = new StringBuilder();
		String topology = this.options.topology().name().toLowerCase(Locale.ROOT);
		md.append("# Soak report: ").append(topology).append("\n\n");
		md.append(passed() ? "**Passed**" : "**Failed**")
			.append(": every fault recovered, no stale read outside the bound, no write-behind write lost "
					+ "without a Redis data loss to explain it.\n\n");
		md.append("Replay with `benchmarks/run-soak.sh --topology=")
			.append(topology)
			.append(" --seed=")
			.append(this.options.seed())
			.append(" --duration=")
			.append(this.options.duration().toSeconds())
			.append("s")
			.append(" --faults=")
			.append(this.options.faults()
				.stream()
				.map((kind) -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(",")))
			.append(" --fault-gap=")
			.append(this.options.faultGapMin().toSeconds())
			.append("s..")
			.append(this.options.faultGapMax().toSeconds())
			.append("s` (the same faults, parameters and gaps; the timing of the run itself varies).\n\n");
		md.append("## Set-up\n\n");
		table(md, List.of("", ""),
				List.of(List.of("Redis", this.redis), List.of("Database", this.database),
						List.of("Instances", this.options.instances() + " of the sample application"),
						List.of("Clients", this.options.threads() + " threads, closed loop"),
						List.of("Mix", percent(this.options.writeRatio()) + " writes ("
								+ percent(this.options.updateShare()) + " of them updates), "
								+ percent(this.options.viewRatio()) + " view counts (written behind), the rest reads ("
								+ percent(this.options.byIdShare()) + " by id)"),
						List.of("Measured",
								f.measured().toSeconds() + " s after a " + this.options.warmup().toSeconds()
										+ " s warm-up"),
						List.of("Bounds",
								"bus delay " + SoakClock.format(this.options.staleBound()) + "; after a fault, "
										+ "`l1.ttl` " + SoakClock.format(this.options.l1Ttl())
										+ " from its recovery")));
		md.append("\n## Results\n\n");
		SoakLoad.Counts load = f.load();
		Staleness stale = f.staleness();
		WriteBehind wb = f.writeBehind();
		Duration worst = f.worstRecovery();
		table(md, List.of("", ""), List.of(
				List.of("Requests",
						String.format(Locale.ROOT,
								"%,d (%,.0f/s): %,d reads, %,d writes, %,d views, %,d " + "update conflicts (409)",
								load.requests(), load.requests() / (double) f.measured().toSeconds(), load.reads(),
								load.writes(), load.views(), load.conflicts())),
				List.of("Latency p50 / p99 / max",
						millis(load.p50Micros()) + " / " + millis(load.p99Micros()) + " / " + millis(load.maxMicros())),
				List.of("Faults injected",
						f.faults().size() + " (" + f.unrecoveredFaults() + " did not recover or failed)"),
				List.of("Worst recovery (first L2 hit after the fault)",
						(worst != null) ? SoakClock.format(worst) : "n/a"),
				List.of("Caller errors (5xx, timeouts, transport)",
						String.format(Locale.ROOT, "%,d during faults and their recovery, **%,d outside**",
								f.errors().insideFaults(), f.errors().outsideFaults())),
				List.of("Stale reads",
						String.format(Locale.ROOT,
								"%,d: %,d within the bus bound (oldest %s), %,d within a fault's bound (oldest %s), "
										+ "**%,d outside the bound**%s",
								stale.total(), stale.withinBusBound(), SoakClock.format(stale.maxWithinBus()),
								stale.withinFaultBound(), SoakClock.format(stale.maxWithinFault()),
								stale.outsideBound(),
								(stale.outsideBound() > 0) ? " (oldest " + SoakClock.format(stale.maxOutside()) + ")"
										: "")),
				List.of("Stale reads between faults (outside every fault, its recovery and 6 s after)",
						String.format(
								Locale.ROOT, "%,d (oldest %s)", stale.betweenFaults(),
								SoakClock.format(stale.maxBetweenFaults()))),
				List.of("Stale reads on the instance that acknowledged the write", Long.toString(stale.sameInstance())),
				List.of("Write-behind views", String.format(Locale.ROOT,
						"%,d acknowledged on %,d exploits; the database holds %,d; lost with Redis data %,d; "
								+ "lost to stale counts %,d; synchronous writes overtaken by older queued ones %,d; "
								+ "**lost otherwise %,d**",
						wb.acknowledged(), wb.exploits(), wb.database(), wb.lostToRedisData(), wb.lostToStaleReads(),
						wb.overtaken(), wb.unexplainedLost())),
				List.of("Hit ratio", hitRatios(f))));
		md.append("\n![Hit ratio over time](hit-ratio.png)\n\n");
		md.append("## Faults\n\n");
		List<List<String>> rows = new ArrayList<>();
		int number = 1;
		for (FaultRecord fault : f.faults()) {
			String what = fault.detail() + ((fault.note() != null) ? "; " + fault.note() : "")
					+ ((fault.error() != null) ? "; **" + fault.error() + "**" : "");
			long errors = f.load()
				.errorList()
				.stream()
				.filter((error) -> fault.covers(error.nanos(), SoakAnalysis.ERROR_GRACE))
				.count();
			Duration recovery = fault.recovery();
			rows.add(List.of(Integer.toString(number++), SoakClock.format(fault.startNanos() - this.measureStart),
					fault.kind().name().toLowerCase(Locale.ROOT), what, SoakClock.format(fault.length()),
					(recovery != null) ? SoakClock.format(recovery) : "**not recovered**", Long.toString(errors)));
		}
		table(md, List.of("#", "At", "Fault", "What", "Lasted", "Recovery", "Caller errors"), rows);
		md.append("\nAt: since measuring started. Lasted: from injection until healed (the server answered again, ")
			.append("the instance was ready). Recovery: from then until every affected instance had an L2 hit ")
			.append("again, as seen by polling `/actuator/prometheus` every 500 ms (so up to about 1 s late).\n");
		md.append("\n## Caller errors\n\n");
		if (f.errors().byKind().isEmpty()) {
			md.append("None.\n");
		}
		else {
			table(md, List.of("Kind", "Count"),
					f.errors()
						.byKind()
						.entrySet()
						.stream()
						.map((entry) -> List.of(entry.getKey(), Long.toString(entry.getValue())))
						.toList());
			examples(md, "Outside faults", f.errors().outsideExamples());
		}
		md.append("\n## Stale reads by age\n\n");
		List<String> headers = new ArrayList<>();
		List<String> counts = new ArrayList<>();
		Duration previous = Duration.ZERO;
		for (int i = 0; i < SoakAnalysis.AGE_BUCKETS.size(); i++) {
			Duration upTo = SoakAnalysis.AGE_BUCKETS.get(i);
			headers.add(SoakClock.format(previous) + " – " + SoakClock.format(upTo));
			counts.add(Long.toString(stale.ageCounts().get(i)));
			previous = upTo;
		}
		headers.add("> " + SoakClock.format(previous));
		counts.add(Long.toString(stale.ageCounts().get(SoakAnalysis.AGE_BUCKETS.size())));
		table(md, headers, List.of(counts));
		md.append("\nAge: how long before the read started the first write it missed was acknowledged (by any ")
			.append("instance).\n");
		examples(md, "Outside the bound", stale.outsideExamples());
		examples(md, "Write-behind views lost without a Redis data loss", wb.unexplainedExamples());
		return md.toString();
	}

	private static String hitRatios(SoakFindings f) {
		return "overall " + ratio(f.hitRatios().overall()) + "; during faults and their recovery "
				+ ratio(f.hitRatios().duringFaults()) + "; between faults " + ratio(f.hitRatios().betweenFaults());
	}

	private static String ratio(TierCounts counts) {
		return percent(counts.hitRatio()) + " (L1 " + percent(counts.l1HitRatio()) + ", L2 "
				+ percent(counts.l2HitRatio()) + " of L1 misses)";
	}

	private static void examples(StringBuilder md, String title, List<String> examples) {
		if (examples.isEmpty()) {
			return;
		}
		md.append("\n").append(title).append(" (first ").append(examples.size()).append("):\n\n");
		for (String example : examples) {
			md.append("- ").append(example.replace("|", "\\|")).append('\n');
		}
	}

	private static void table(StringBuilder md, List<String> headers, List<List<String>> rows) {
		md.append("| ").append(String.join(" | ", headers)).append(" |\n");
		md.append("|").append(" --- |".repeat(headers.size())).append('\n');
		for (List<String> row : rows) {
			md.append("| ")
				.append(row.stream().map((cell) -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ")))
				.append(" |\n");
		}
	}

	private static String percent(double ratio) {
		return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
	}

	private static String millis(long micros) {
		return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
	}

	/**
	 * The key figures of a run, as {@code summary.json}.
	 *
	 * @param topology the topology
	 * @param seed the seed
	 * @param measuredSeconds measured time
	 * @param faults faults injected
	 * @param unrecoveredFaults faults not injected, not healed or not recovered
	 * @param worstRecoveryMillis the longest recovery, {@code -1} without faults
	 * @param requests requests answered or failed
	 * @param errorsDuringFaults caller errors during faults and their recovery
	 * @param errorsOutsideFaults other caller errors
	 * @param staleReads all stale reads
	 * @param staleWithinBusBound stale reads within the bus bound
	 * @param staleWithinFaultBound stale reads within a fault's bound
	 * @param staleOutsideBound stale reads outside the bound
	 * @param staleBetweenFaults stale reads outside every fault and its recovery
	 * @param staleBetweenFaultsOldestMillis the oldest of those
	 * @param viewsAcknowledged views acknowledged
	 * @param viewsInDatabase views the database holds
	 * @param viewsLostToRedisData views lost with data Redis lost
	 * @param viewsLostOtherwise views lost without that explanation
	 * @param hitRatio hit ratio over the whole time
	 * @param hitRatioDuringFaults hit ratio during faults
	 * @param hitRatioBetweenFaults hit ratio between faults
	 * @param passed the verdict
	 */
	record Summary(String topology, long seed, long measuredSeconds, int faults, long unrecoveredFaults,
			long worstRecoveryMillis, long requests, long errorsDuringFaults, long errorsOutsideFaults, long staleReads,
			long staleWithinBusBound, long staleWithinFaultBound, long staleOutsideBound, long staleBetweenFaults,
			long staleBetweenFaultsOldestMillis, long viewsAcknowledged, long viewsInDatabase,
			long viewsLostToRedisData, long viewsLostOtherwise, double hitRatio, double hitRatioDuringFaults,
			double hitRatioBetweenFaults, boolean passed) {

	}

}
