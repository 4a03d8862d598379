package io.github.tieredcache.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP access to the catalogue: {@code GET /products/{id}}, {@code DELETE
 * /products/{id}/cache} and {@code GET /stats}.
 */
@RestController
public class ProductController {

	private final ProductCatalog catalog;

	public ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products/{id}")
	public Product product(@PathVariable long id) {
		return this.catalog.find(id);
	}

	@DeleteMapping("/products/{id}/cache")
	public void forget(@PathVariable long id) {
		this.catalog.forget(id);
	}

	@GetMapping("/stats")
	public Map<String, Long> stats() {
		return Map.of("lookups", this.catalog.lookups());
	}

}
