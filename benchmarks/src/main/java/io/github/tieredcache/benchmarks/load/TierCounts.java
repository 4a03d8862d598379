package io.github.tieredcache.benchmarks.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets per tier and result, summed over all caches, from a Prometheus scrape of
 * {@code tiered_cache_gets_total{tier, result}}.
 *
 * @param l1Hits L1 hits
 * @param l1Misses L1 misses
 * @param l2Hits L2 hits
 * @param l2Misses L2 misses
 */
public record TierCounts(double l1Hits, double l1Misses, double l2Hits, double l2Misses) {

	/** No gets: what an application without the tiered cache's meters reports. */
	public static final TierCounts NONE = new TierCounts(0, 0, 0, 0);

	private static final Pattern SAMPLE = Pattern
		.compile("^tiered_cache_gets_total\\{([^}]*)\\}\\s+([-+0-9.eE]+|NaN)(\\s+\\d+)?\\s*$");

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * Sums the {@code tiered_cache_gets_total} samples of a scrape in Prometheus's text
	 * format.
	 * @param scrape the scrape
	 * @return the sums
	 */
	public static TierCounts parse(String scrape) {
		double l1Hits = 0;
		double l1Misses = 0;
		double l2Hits = 0;
		double l2Misses = 0;
		for (String line : scrape.split("\n")) {
			Matcher sample = SAMPLE.matcher(line.strip());
			if (!sample.matches()) {
				continue;
			}
			String tier = null;
			String result = null;
			Matcher label = LABEL.matcher(sample.group(1));
			while (label.find()) {
				switch (label.group(1)) {
					case "tier" -> tier = label.group(2);
					case "result" -> result = label.group(2);
					default -> {
					}
				}
			}
			double value = Double.parseDouble(sample.group(2));
			String series = tier + "/" + result;
			switch (series) {
				case "l1/hit" -> l1Hits += value;
				case "l1/miss" -> l1Misses += value;
				case "l2/hit" -> l2Hits += value;
				case "l2/miss" -> l2Misses += value;
				default -> {
				}
			}
		}
		return new TierCounts(l1Hits, l1Misses, l2Hits, l2Misses);
	}

	/**
	 * Returns the gets between an earlier scrape and this one.
	 * @param earlier the earlier counts
	 * @return the difference
	 */
	public TierCounts minus(TierCounts earlier) {
		return new TierCounts(this.l1Hits - earlier.l1Hits, this.l1Misses - earlier.l1Misses,
				this.l2Hits - earlier.l2Hits, this.l2Misses - earlier.l2Misses);
	}

	/**
	 * Returns the sum of these gets and another instance's.
	 * @param other the other counts
	 * @return the sum
	 */
	public TierCounts plus(TierCounts other) {
		return new TierCounts(this.l1Hits + other.l1Hits, this.l1Misses + other.l1Misses, this.l2Hits + other.l2Hits,
				this.l2Misses + other.l2Misses);
	}

	/**
	 * Returns L1's hit ratio, {@code NaN} without L1 gets.
	 * @return the ratio
	 */
	public double l1HitRatio() {
		return ratio(this.l1Hits, this.l1Hits + this.l1Misses);
	}

	/**
	 * Returns L2's hit ratio over the reads that reached it, {@code NaN} without L2 gets.
	 * @return the ratio
	 */
	public double l2HitRatio() {
		return ratio(this.l2Hits, this.l2Hits + this.l2Misses);
	}

	/**
	 * Returns the share of reads answered by either tier: hits in L1 or L2 over all
	 * reads. A cache with L1 disabled counts its reads from L2. {@code NaN} without gets.
	 * @return the ratio
	 */
	public double hitRatio() {
		double reads = this.l1Hits + this.l1Misses;
		double l2Only = (this.l2Hits + this.l2Misses) - this.l1Misses;
		return ratio(this.l1Hits + this.l2Hits, reads + Math.max(0, l2Only));
	}

	private static double ratio(double part, double whole) {
		return (whole > 0) ? part / whole : Double.NaN;
	}

}
