package io.github.tieredcache.benchmarks;

import java.util.UUID;

import io.github.tieredcache.annotation.Cached;

/**
 * A bean with {@code @Cached} methods, as an application would write them, for the tiered
 * cache's side of the annotation comparisons.
 */
public class CachedProducts {

	/** Caches held in L1 and L2; hits come from L1. */
	static final String LOCAL_CACHE = "products";

	/** A cache with L1 disabled, so every hit is a Redis read. */
	static final String REMOTE_CACHE = "remote-products";

	/**
	 * A cache whose entries live briefly: the miss-and-fill benchmark never reads a key
	 * twice.
	 */
	static final String FILLED_CACHE = "filled-products";

	private final ProductSource source;

	public CachedProducts(ProductSource source) {
		this.source = source;
	}

	@Cached(cache = LOCAL_CACHE, key = "#id")
	public Product find(String id) {
		return this.source.load(id);
	}

	@Cached(cache = LOCAL_CACHE, key = "#id")
	public Product findById(long id) {
		return this.source.load(id);
	}

	@Cached(cache = LOCAL_CACHE, key = "#id")
	public Product findByUuid(UUID id) {
		return this.source.load(id);
	}

	@Cached(cache = LOCAL_CACHE, key = "#query")
	public Product findMatching(ProductQuery query) {
		return this.source.load(query);
	}

	/**
	 * Keyed by all its arguments, the default.
	 * @param storeId the store
	 * @param sku the stock-keeping unit
	 * @return the product
	 */
	@Cached(cache = LOCAL_CACHE)
	public Product findInStore(long storeId, String sku) {
		return this.source.load(sku);
	}

	@Cached(cache = REMOTE_CACHE, key = "#id")
	public Product findRemote(String id) {
		return this.source.load(id);
	}

	@Cached(cache = FILLED_CACHE, key = "#id")
	public Product findOnce(String id) {
		return this.source.load(id);
	}

}
