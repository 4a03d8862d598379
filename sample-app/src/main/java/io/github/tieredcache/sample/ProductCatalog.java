package io.github.tieredcache.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Looks products up in a deliberately slow "database" and caches them in the
 * {@code products} cache.
 */
@Service
public class ProductCatalog {

	private final AtomicLong lookups = new AtomicLong();

	/**
	 * Finds a product; the first call per id pays for the slow lookup, later ones are
	 * served by the cache.
	 * @param id the product id
	 * @return the product
	 */
	@Cacheable("products")
	public Product find(long id) {
		this.lookups.incrementAndGet();
		sleep(50);
		return new Product(id, "Product " + id, BigDecimal.valueOf(id * 100 + 99, 2), List.of("sample"));
	}

	/**
	 * Forgets a product, in both tiers.
	 * @param id the product id
	 */
	@CacheEvict("products")
	public void forget(long id) {
	}

	/**
	 * Returns how many slow lookups ran.
	 * @return the number of lookups
	 */
	public long lookups() {
		return this.lookups.get();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
