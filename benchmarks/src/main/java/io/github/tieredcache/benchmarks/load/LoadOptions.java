package io.github.tieredcache.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The load generator's settings, from {@code --name=value} arguments.
 *
 * @param baseUrls the base URLs of the application's instances ({@code --base-url},
 * required; several separated by commas, and every request goes to one of them at random,
 * as behind a load balancer)
 * @param label a name for the report ({@code --label}, default {@code run})
 * @param threads concurrent clients ({@code --threads}, default 8)
 * @param duration measured time ({@code --duration}, default {@code 60s})
 * @param warmup unmeasured time before it, to fill caches and warm the JIT
 * ({@code --warmup}, default {@code 15s})
 * @param writeRatio share of requests that write ({@code --write-ratio}, default 0.02)
 * @param updateShare share of writes that update an existing exploit rather than create
 * one ({@code --update-share}, default 0.5)
 * @param byIdShare share of reads that read one exploit by id rather than a chain's list
 * ({@code --by-id-share}, default 0.2)
 * @param zipfExponent skew of the chain popularity ({@code --zipf}, default 1.0)
 * @param chains the chains ({@code --chains=a,b,...}, default 20 well-known ones)
 * @param severities severities written ({@code --severities}, default
 * {@code LOW,MEDIUM,HIGH,CRITICAL}; all-digit values are sent as numbers)
 * @param seed random seed ({@code --seed}, default from the clock)
 * @param reportJson where to write the report as JSON ({@code --report-json})
 */
public record LoadOptions(List<URI> baseUrls, String label, int threads, Duration duration, Duration warmup,
		double writeRatio, double updateShare, double byIdShare, double zipfExponent, List<String> chains,
		List<String> severities, long seed, @Nullable Path reportJson) {

	/** Twenty chains, most popular first under the Zipf distribution. */
	public static final List<String> DEFAULT_CHAINS = List.of("ethereum", "bsc", "arbitrum", "polygon", "base",
			"optimism", "avalanche", "solana", "fantom", "tron", "gnosis", "cronos", "linea", "zksync", "scroll",
			"blast", "celo", "moonbeam", "aurora", "harmony");

	/**
	 * Parses arguments of the form {@code --name=value} or {@code --name value}.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is missing or wrong
	 */
	public static LoadOptions parse(String... args) {
		List<URI> baseUrls = List.of();
		String label = "run";
		int threads = 8;
		Duration duration = Duration.ofSeconds(60);
		Duration warmup = Duration.ofSeconds(15);
		double writeRatio = 0.02;
		double updateShare = 0.5;
		double byIdShare = 0.2;
		double zipf = 1.0;
		List<String> chains = DEFAULT_CHAINS;
		List<String> severities = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
		long seed = System.nanoTime();
		Path reportJson = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'; use --name=value");
			}
			String name;
			String value;
			int equals = arg.indexOf('=');
			if (equals > 0) {
				name = arg.substring(2, equals);
				value = arg.substring(equals + 1);
			}
			else {
				name = arg.substring(2);
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				value = args[++i];
			}
			switch (name) {
				case "base-url" -> baseUrls = list(name, value).stream().map(URI::create).toList();
				case "label" -> label = value;
				case "threads" -> threads = (int) number(name, value, 1, 1024);
				case "duration" -> duration = duration(name, value);
				case "warmup" -> warmup = duration(name, value);
				case "write-ratio" -> writeRatio = number(name, value, 0, 1);
				case "update-share" -> updateShare = number(name, value, 0, 1);
				case "by-id-share" -> byIdShare = number(name, value, 0, 1);
				case "zipf" -> zipf = number(name, value, 0, 10);
				case "chains" -> chains = list(name, value);
				case "severities" -> severities = list(name, value);
				case "seed" -> seed = Long.parseLong(value);
				case "report-json" -> reportJson = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option --" + name);
			}
		}
		if (baseUrls.isEmpty()) {
			throw new IllegalArgumentException("--base-url is required, e.g. --base-url=http://localhost:8080");
		}
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("--duration must be positive but was " + duration);
		}
		return new LoadOptions(baseUrls, label, threads, duration, warmup, writeRatio, updateShare, byIdShare, zipf,
				chains, severities, seed, reportJson);
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
	 * Parses {@code 90s}, {@code 2m}, {@code 500ms} or an ISO-8601 duration.
	 * @param name the option, for the message
	 * @param value the text
	 * @return the duration
	 * @throws IllegalArgumentException naming the option and the expected form
	 */
	public static Duration duration(String name, String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		try {
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			if (text.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
			}
			if (text.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
			}
			return Duration.parse(value.strip());
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be a duration such as 30s, 2m or 500ms but was '" + value + "'");
		}
	}

	private static List<String> list(String name, String value) {
		List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
		if (items.isEmpty()) {
			throw new IllegalArgumentException("--" + name + " needs at least one value");
		}
		return items;
	}

}
