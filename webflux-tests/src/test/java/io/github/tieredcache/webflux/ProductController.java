package io.github.tieredcache.webflux;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The catalog's HTTP API: {@code GET /products/{id}} ({@code 404} when absent) and
 * {@code PUT /products/{id}} with {@code {"name": "..."}}.
 */
@RestController
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products/{id}")
	Mono<Product> product(@PathVariable long id) {
		return this.catalog.find(id).switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	@PutMapping("/products/{id}")
	Mono<Product> rename(@PathVariable long id, @RequestBody Rename rename) {
		return this.catalog.rename(id, rename.name());
	}

	record Rename(String name) {

	}

}
