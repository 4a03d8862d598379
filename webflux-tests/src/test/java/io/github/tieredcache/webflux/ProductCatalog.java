package io.github.tieredcache.webflux;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Reads products through the tiered cache and writes them, publishing the change that
 * invalidates the cached product on every instance.
 */
@Service
public class ProductCatalog {

	private final ProductDatabase database;

	private final ApplicationEventPublisher events;

	ProductCatalog(ProductDatabase database, ApplicationEventPublisher events) {
		this.database = database;
		this.events = events;
	}

	@Cached(cache = "products", key = "#id", ttl = "10m")
	@InvalidateOn(event = ProductChanged.class, key = "#event.id")
	public Mono<Product> find(long id) {
		return this.database.read(id);
	}

	public Mono<Product> rename(long id, String name) {
		// The invalidation the event triggers removes the entry from Redis and waits for
		// it, so it is published off the event loop (docs/annotations.md)
		return this.database.rename(id, name)
			.publishOn(Schedulers.boundedElastic())
			.doOnNext((product) -> this.events.publishEvent(new ProductChanged(product.id())));
	}

}
