package io.github.tieredcache.benchmarks.writes;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Keys {@code 1..n} drawn from a Zipf distribution: key {@code k} with a probability
 * proportional to {@code 1 / k^exponent}, so a few keys take most writes, as the views of
 * popular pages do. Immutable and thread-safe; each thread brings its own random source.
 */
final class ZipfKeys {

	private final double[] cumulative;

	ZipfKeys(int keys, double exponent) {
		if (keys < 1) {
			throw new IllegalArgumentException("keys must be at least 1 but was " + keys);
		}
		if (exponent < 0) {
			throw new IllegalArgumentException("the Zipf exponent must not be negative but was " + exponent);
		}
		this.cumulative = new double[keys];
		double sum = 0;
		for (int k = 1; k <= keys; k++) {
			sum += 1 / Math.pow(k, exponent);
			this.cumulative[k - 1] = sum;
		}
		for (int i = 0; i < keys; i++) {
			this.cumulative[i] /= sum;
		}
	}

	/**
	 * Draws a key.
	 * @param random the calling thread's random source
	 * @return a key from 1 to the number of keys
	 */
	long next(SplittableRandom random) {
		int index = Arrays.binarySearch(this.cumulative, random.nextDouble());
		int key = (index >= 0) ? index : -index - 1;
		return Math.min(key, this.cumulative.length - 1) + 1L;
	}

	int size() {
		return this.cumulative.length;
	}

}
