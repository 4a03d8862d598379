package io.github.tieredcache.benchmarks.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.tieredcache.benchmarks.load.LoadOptions;
import org.jspecify.annotations.Nullable;

/**
 * The soak's settings, from {@code --name=value} arguments.
 *
 * @param topology how Redis is deployed ({@code --topology}: {@code standalone},
 * {@code cluster} or {@code sentinel}; default standalone)
 * @param duration measured time, faults included ({@code --duration}, default
 * {@code 10m})
 * @param warmup unmeasured load before it, without faults ({@code --warmup}, default
 * {@code 30s})
 * @param instances application instances ({@code --instances}, default 3)
 * @param threads concurrent clients ({@code --threads}, default 8)
 * @param writeRatio share of requests that create or update an exploit
 * ({@code --write-ratio}, default 0.02)
 * @param updateShare share of those writes that update ({@code --update-share}, default
 * 0.5)
 * @param byIdShare share of reads by id rather than a chain's list
 * ({@code --by-id-share}, default 0.2)
 * @param viewRatio share of requests that count a view, written behind the cache
 * ({@code --view-ratio}, default 0.01)
 * @param zipfExponent skew of the chain popularity ({@code --zipf}, default 1.0)
 * @param seed random seed of the load and the fault schedule ({@code --seed}, default
 * from the clock; printed, so a run can be replayed)
 * @param faults the faults to draw from ({@code --faults=redis-kill,app-restart,...};
 * default every fault the topology supports; {@code none} for none)
 * @param faultGapMin shortest quiet time between a fault's recovery and the next fault
 * ({@code --fault-gap=20s..60s})
 * @param faultGapMax longest such time
 * @param staleBound the invalidation bus's delay allowed to a stale read outside any
 * fault ({@code --stale-bound}, default {@code 250ms}: the documented p99 is under 5 ms,
 * and a machine shared by the instances, Redis, the database and the clients stalls
 * threads for tens of milliseconds)
 * @param l1Ttl {@code tiered-cache.defaults.l1.ttl} given to the instances, the bound on
 * staleness after an undetected loss ({@code --l1-ttl}, default {@code 1m}, the sample's)
 * @param recoveryTimeout how long a fault may take to recover before it counts as not
 * recovered ({@code --recovery-timeout}, default {@code 60s})
 * @param database where the instances' shared database runs ({@code --database}:
 * {@code postgres}, default, or {@code h2}, an H2 TCP server in the soak's JVM)
 * @param postgresUrl the PostgreSQL server, a fresh database is created on it per run
 * ({@code --postgres-url}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres})
 * @param postgresUser its user ({@code --postgres-user}, default {@code postgres};
 * password from {@code PGPASSWORD})
 * @param appJar the sample application's jar ({@code --app-jar}, default the one in
 * {@code sample-app/target})
 * @param appHeap maximum heap of each instance ({@code --app-heap}, default {@code 384m})
 * @param out where the report goes ({@code --out}, default
 * {@code benchmarks/target/soak})
 */
public record SoakOptions(Topology topology, Duration duration, Duration warmup, int instances, int threads,
		double writeRatio, double updateShare, double byIdShare, double viewRatio, double zipfExponent, long seed,
		List<FaultKind> faults, Duration faultGapMin, Duration faultGapMax, Duration staleBound, Duration l1Ttl,
		Duration recoveryTimeout, Database database, String postgresUrl, String postgresUser, @Nullable Path appJar,
		String appHeap, Path out, List<String> appArguments) {

	/**
	 * Parses arguments of the form {@code --name=value}.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is wrong
	 */
	public static SoakOptions parse(String... args) {
		Topology topology = Topology.STANDALONE;
		Duration duration = Duration.ofMinutes(10);
		Duration warmup = Duration.ofSeconds(30);
		int instances = 3;
		int threads = 8;
		double writeRatio = 0.02;
		double updateShare = 0.5;
		double byIdShare = 0.2;
		double viewRatio = 0.01;
		double zipf = 1.0;
		long seed = System.nanoTime();
		List<FaultKind> faults = null;
		Duration gapMin = Duration.ofSeconds(20);
		Duration gapMax = Duration.ofSeconds(60);
		Duration staleBound = Duration.ofMillis(250);
		Duration l1Ttl = Duration.ofMinutes(1);
		Duration recoveryTimeout = Duration.ofSeconds(60);
		Database database = Database.POSTGRES;
		String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
		String postgresUser = "postgres";
		Path appJar = null;
		String appHeap = "384m";
		Path out = Path.of("benchmarks/target/soak");
		List<String> appArguments = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'; use --name=value");
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			switch (name) {
				case "topology" -> topology = Topology.parse(value);
				case "duration" -> duration = LoadOptions.duration(name, value);
				case "warmup" -> warmup = LoadOptions.duration(name, value);
				case "instances" -> instances = (int) number(name, value, 2, 9);
				case "threads" -> threads = (int) number(name, value, 1, 256);
				case "write-ratio" -> writeRatio = number(name, value, 0, 1);
				case "update-share" -> updateShare = number(name, value, 0, 1);
				case "by-id-share" -> byIdShare = number(name, value, 0, 1);
				case "view-ratio" -> viewRatio = number(name, value, 0, 1);
				case "zipf" -> zipf = number(name, value, 0, 10);
				case "seed" -> seed = Long.parseLong(value);
				case "faults" ->
					faults = value.strip().equalsIgnoreCase("none") ? List.of() : FaultKind.parseList(value);
				case "fault-gap" -> {
					String[] bounds = value.split("\\.\\.");
					if (bounds.length != 2) {
						throw new IllegalArgumentException(
								"--fault-gap must be min..max, such as 20s..60s, but was '" + value + "'");
					}
					gapMin = LoadOptions.duration(name, bounds[0]);
					gapMax = LoadOptions.duration(name, bounds[1]);
				}
				case "stale-bound" -> staleBound = LoadOptions.duration(name, value);
				case "l1-ttl" -> l1Ttl = LoadOptions.duration(name, value);
				case "recovery-timeout" -> recoveryTimeout = LoadOptions.duration(name, value);
				case "database" -> database = Database.parse(value);
				case "postgres-url" -> postgresUrl = value;
				case "postgres-user" -> postgresUser = value;
				case "app-jar" -> appJar = Path.of(value);
				case "app-heap" -> appHeap = value;
				case "out" -> out = Path.of(value);
				case "app-arg" -> appArguments.add(value);
				default -> throw new IllegalArgumentException("Unknown option --" + name);
			}
		}
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("--duration must be positive but was " + duration);
		}
		if (gapMin.compareTo(gapMax) > 0) {
			throw new IllegalArgumentException(
					"--fault-gap: the minimum " + gapMin + " is above the maximum " + gapMax);
		}
		if (faults != null) {
			for (FaultKind fault : faults) {
				if (!topology.faults().contains(fault)) {
					throw new IllegalArgumentException("--faults: " + fault.name().toLowerCase(Locale.ROOT)
							+ " cannot be injected in the " + topology.name().toLowerCase(Locale.ROOT)
							+ " topology; it supports " + topology.faults());
				}
			}
		}
		if (writeRatio + viewRatio > 1) {
			throw new IllegalArgumentException("--write-ratio and --view-ratio add up to more than 1");
		}
		return new SoakOptions(topology, duration, warmup, instances, threads, writeRatio, updateShare, byIdShare,
				viewRatio, zipf, seed, (faults != null) ? faults : topology.faults(), gapMin, gapMax, staleBound, l1Ttl,
				recoveryTimeout, database, postgresUrl, postgresUser, appJar, appHeap, out, List.copyOf(appArguments));
	}

	private static double number(String name, String value, double min, double max) {
		double number;
		try {
			number = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number but was '" + value + "'");
		}
		if (!(number >= min && number <= max)) {
			throw new IllegalArgumentException(
					"--" + name + " must be between " + min + " and " + max + " but was " + value);
		}
		return number;
	}

	/**
	 * Where the shared database runs.
	 */
	public enum Database {

		/** A fresh database on a PostgreSQL server. */
		POSTGRES,

		/** An H2 TCP server in the soak's own JVM, in memory. */
		H2;

		static Database parse(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--database must be postgres or h2 but was '" + value + "'");
			}
		}

	}

}
