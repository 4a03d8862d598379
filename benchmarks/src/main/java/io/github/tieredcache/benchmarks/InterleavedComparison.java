package io.github.tieredcache.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compares operations that each take tens of microseconds or more (a Redis round trip) by
 * running them in turns, in short blocks, in one JVM: every block runs each operation a
 * fixed number of times, in an order that rotates from block to block, so that background
 * load falls on all of them alike. Each block yields one ratio per operation against the
 * baseline; the median of those ratios is the result, the 10th and 90th percentiles show
 * the spread.
 *
 * <p>
 * JMH runs one benchmark after another, which on a busy machine lets a burst of load hit
 * one side of a comparison only; for differences of a few percent this is the more
 * trustworthy measurement. It is no substitute for JMH on nanosecond operations, where
 * the harness's own overhead and the JIT matter. Not thread-safe; runs on the calling
 * thread.
 * <p>
 * The system property {@code interleaved.only} (operation names, comma-separated) keeps
 * only those operations beside the baseline, so that two can be compared without the
 * others sharing their turns, their connections or their threads.
 */
final class InterleavedComparison {

	/** Keeps results observable so that no operation can be optimized away. */
	private static volatile int sink;

	private final Map<String, Supplier<?>> operations = new LinkedHashMap<>();

	private final List<String> offered = new ArrayList<>();

	/**
	 * Creates a comparison against a baseline.
	 * @param name the baseline's name
	 * @param baseline the baseline operation
	 */
	InterleavedComparison(String name, Supplier<?> baseline) {
		this.operations.put(name, baseline);
	}

	/**
	 * Adds an operation to compare with the baseline.
	 * @param name its name
	 * @param operation the operation
	 * @return this comparison
	 */
	InterleavedComparison compare(String name, Supplier<?> operation) {
		this.offered.add(name);
		List<String> only = only();
		if (only.isEmpty() || only.contains(name)) {
			this.operations.put(name, operation);
		}
		return this;
	}

	private static List<String> only() {
		String only = System.getProperty("interleaved.only", "");
		return only.isBlank() ? List.of() : Arrays.asList(only.trim().split("\\s*,\\s*"));
	}

	/**
	 * Warms up every operation, then runs the blocks and prints the result.
	 * @param warmUp how long to run the operations in turns before measuring
	 * @param blocks the number of blocks
	 * @param operationsPerBlock how often each operation runs in one block
	 */
	void run(Duration warmUp, int blocks, int operationsPerBlock) {
		for (String name : only()) {
			if (!this.offered.contains(name)) {
				throw new IllegalArgumentException(
						"interleaved.only names '" + name + "', which is not one of " + this.offered);
			}
		}
		List<String> names = new ArrayList<>(this.operations.keySet());
		List<Supplier<?>> suppliers = new ArrayList<>(this.operations.values());
		int count = suppliers.size();
		long warmUpEnd = System.nanoTime() + warmUp.toNanos();
		while (System.nanoTime() < warmUpEnd) {
			for (Supplier<?> operation : suppliers) {
				time(operation, operationsPerBlock);
			}
		}
		double[][] micros = new double[count][blocks];
		for (int block = 0; block < blocks; block++) {
			for (int turn = 0; turn < count; turn++) {
				int index = (block + turn) % count;
				micros[index][block] = time(suppliers.get(index), operationsPerBlock) / 1_000.0 / operationsPerBlock;
			}
		}
		System.out.printf(Locale.ROOT,
				"%nInterleaved: %d blocks, each running every operation %d times, in rotating " + "order%n", blocks,
				operationsPerBlock);
		int width = names.stream().mapToInt(String::length).max().orElse(0);
		for (int index = 0; index < count; index++) {
			double[] perOperation = sorted(micros[index]);
			String line = String.format(Locale.ROOT, "  %-" + width + "s  median %9.3f us/op (p10 %9.3f, p90 %9.3f)",
					names.get(index), percentile(perOperation, 0.5), percentile(perOperation, 0.1),
					percentile(perOperation, 0.9));
			if (index == 0) {
				System.out.println(line + "   baseline");
				continue;
			}
			double[] ratios = new double[blocks];
			for (int block = 0; block < blocks; block++) {
				ratios[block] = micros[index][block] / micros[0][block];
			}
			double[] sortedRatios = sorted(ratios);
			System.out.printf(Locale.ROOT, "%s   ratio per block: median %.3f× (p10 %.3f×, p90 %.3f×)%n", line,
					percentile(sortedRatios, 0.5), percentile(sortedRatios, 0.1), percentile(sortedRatios, 0.9));
		}
	}

	private static long time(Supplier<?> operation, int times) {
		long start = System.nanoTime();
		int hashes = 0;
		for (int i = 0; i < times; i++) {
			hashes += System.identityHashCode(operation.get());
		}
		long elapsed = System.nanoTime() - start;
		sink += hashes;
		return elapsed;
	}

	private static double[] sorted(double[] values) {
		double[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

	private static double percentile(double[] sorted, double fraction) {
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

}
