package io.github.tieredcache.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * A bean whose Spring caching annotations use the {@code products} cache, counting how
 * often its methods really run.
 */
class ProductCatalog {

	private final AtomicInteger lookups = new AtomicInteger();

	@Cacheable("products")
	public String find(String id) {
		this.lookups.incrementAndGet();
		return "product-" + id;
	}

	@Cacheable(cacheNames = "products", sync = true)
	public String findSynchronized(String id) {
		this.lookups.incrementAndGet();
		return "product-" + id;
	}

	@Cacheable("products")
	public CompletableFuture<String> findAsync(String id) {
		return CompletableFuture.supplyAsync(() -> {
			this.lookups.incrementAndGet();
			return "product-" + id;
		});
	}

	@Cacheable(cacheNames = "products", sync = true)
	public CompletableFuture<String> findAsyncSynchronized(String id) {
		return CompletableFuture.supplyAsync(() -> {
			this.lookups.incrementAndGet();
			return "product-" + id;
		});
	}

	@Cacheable("products")
	public @Nullable String findDiscontinued(String id) {
		this.lookups.incrementAndGet();
		return null;
	}

	@CachePut(cacheNames = "products", key = "#id")
	public String rename(String id, String name) {
		return name;
	}

	@CacheEvict("products")
	public void remove(String id) {
	}

	public int lookups() {
		return this.lookups.get();
	}

	public void resetLookups() {
		this.lookups.set(0);
	}

}
