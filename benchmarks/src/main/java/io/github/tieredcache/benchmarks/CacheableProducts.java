package io.github.tieredcache.benchmarks;

import org.springframework.cache.annotation.Cacheable;

/**
 * The same bean as {@link CachedProducts}, written with Spring's {@code @Cacheable}, for
 * Spring's own cache managers. Spring's default key for one argument is that argument,
 * the same key the {@code @Cached} methods use.
 */
public class CacheableProducts {

	private final ProductSource source;

	public CacheableProducts(ProductSource source) {
		this.source = source;
	}

	@Cacheable(CachedProducts.LOCAL_CACHE)
	public Product find(String id) {
		return this.source.load(id);
	}

	@Cacheable(CachedProducts.FILLED_CACHE)
	public Product findOnce(String id) {
		return this.source.load(id);
	}

}
