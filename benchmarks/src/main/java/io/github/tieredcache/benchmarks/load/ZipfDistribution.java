package io.github.tieredcache.benchmarks.load;

import java.util.Arrays;

/**
 * A Zipf distribution over ranks {@code 0 .. n-1}: rank {@code k} is drawn with a
 * probability proportional to {@code 1 / (k + 1)^exponent}, so rank 0 is the most
 * popular. An exponent of 0 is uniform; around 1 is typical of real key popularity.
 *
 * <p>
 * Immutable and thread-safe; sampling is a binary search over the cumulative
 * probabilities.
 */
public final class ZipfDistribution {

	private final double[] cumulative;

	/**
	 * Creates a distribution.
	 * @param size the number of ranks, at least 1
	 * @param exponent the exponent, at least 0
	 */
	public ZipfDistribution(int size, double exponent) {
		if (size < 1) {
			throw new IllegalArgumentException("A Zipf distribution needs at least one rank but got " + size);
		}
		if (!(exponent >= 0) || Double.isInfinite(exponent)) {
			throw new IllegalArgumentException("The Zipf exponent must be a finite number >= 0 but was " + exponent);
		}
		this.cumulative = new double[size];
		double sum = 0;
		for (int k = 0; k < size; k++) {
			sum += 1 / Math.pow(k + 1, exponent);
			this.cumulative[k] = sum;
		}
		for (int k = 0; k < size; k++) {
			this.cumulative[k] /= sum;
		}
		this.cumulative[size - 1] = 1.0;
	}

	/**
	 * Returns the number of ranks.
	 * @return the size
	 */
	public int size() {
		return this.cumulative.length;
	}

	/**
	 * Returns the probability of a rank.
	 * @param rank the rank
	 * @return its probability
	 */
	public double probability(int rank) {
		return this.cumulative[rank] - ((rank > 0) ? this.cumulative[rank - 1] : 0);
	}

	/**
	 * Maps a uniform random number to a rank.
	 * @param uniform a number in {@code [0, 1)}
	 * @return the rank
	 */
	public int sample(double uniform) {
		int index = Arrays.binarySearch(this.cumulative, uniform);
		int rank = (index >= 0) ? index + 1 : -index - 1;
		return Math.min(rank, this.cumulative.length - 1);
	}

}
