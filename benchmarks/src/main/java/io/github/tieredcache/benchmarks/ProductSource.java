package io.github.tieredcache.benchmarks;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a cached method would otherwise do: returns one of a few prebuilt products, so
 * that a benchmark measures the cache around the method rather than the method. Counts
 * its calls, so that set-up can prove a hit never runs it.
 *
 * <p>
 * Thread-safe.
 */
public final class ProductSource {

	private static final Product[] PRODUCTS = new Product[16];

	static {
		for (int i = 0; i < PRODUCTS.length; i++) {
			PRODUCTS[i] = Product.sample(i);
		}
	}

	private final LongAdder loads = new LongAdder();

	/**
	 * Returns the product for a key, the same one on every call.
	 * @param id the key
	 * @return the product
	 */
	public Product load(Object id) {
		this.loads.increment();
		return product(id);
	}

	/**
	 * Returns the product for a key without counting a load.
	 * @param id the key
	 * @return the product
	 */
	static Product product(Object id) {
		return PRODUCTS[Math.floorMod(id.hashCode(), PRODUCTS.length)];
	}

	/**
	 * Returns how often {@link #load(Object)} ran.
	 * @return the number of loads
	 */
	public long loads() {
		return this.loads.sum();
	}

}
