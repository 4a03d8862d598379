package io.github.tieredcache.benchmarks;

import java.util.UUID;

import org.springframework.cache.annotation.Cacheable;

/**
 * The same bean as {@link CachedProducts}, written with Spring's {@code @Cacheable}, for
 * Spring's own cache managers and for the tiered cache manager. Spring's default key for
 * one argument is that argument, the same key the {@code @Cached} methods use; for
 * several it is a {@code SimpleKey} of all of them, as for {@code @Cached} without a key
 * expression.
 */
public class CacheableProducts {

	/**
	 * The cache of the hit methods: its own name, so that in the tiered application it
	 * does not share entries with the {@code @Cached} methods.
	 */
	static final String CACHE = "cacheable-products";

	private final ProductSource source;

	public CacheableProducts(ProductSource source) {
		this.source = source;
	}

	@Cacheable(CACHE)
	public Product find(String id) {
		return this.source.load(id);
	}

	@Cacheable(CACHE)
	public Product findById(long id) {
		return this.source.load(id);
	}

	@Cacheable(CACHE)
	public Product findByUuid(UUID id) {
		return this.source.load(id);
	}

	@Cacheable(CACHE)
	public Product findMatching(ProductQuery query) {
		return this.source.load(query);
	}

	@Cacheable(CACHE)
	public Product findInStore(long storeId, String sku) {
		return this.source.load(sku);
	}

	@Cacheable(CachedProducts.FILLED_CACHE)
	public Product findOnce(String id) {
		return this.source.load(id);
	}

}
