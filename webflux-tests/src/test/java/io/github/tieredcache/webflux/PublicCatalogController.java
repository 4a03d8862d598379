package io.github.tieredcache.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.CachedResponse;
import io.github.tieredcache.annotation.InvalidateOn;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog's public pages, whole responses cached with {@code @CachedResponse}, each
 * handler counting how often WebFlux really ran it (subscribed to its result).
 */
@RestController
class PublicCatalogController {

	private final ProductDatabase database;

	private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	PublicCatalogController(ProductDatabase database) {
		this.database = database;
	}

	int runs(String handler) {
		return this.runs.computeIfAbsent(handler, (name) -> new AtomicInteger()).get();
	}

	private <T> Mono<T> counted(String handler, Mono<T> result) {
		return result.doOnSubscribe(
				(subscription) -> this.runs.computeIfAbsent(handler, (name) -> new AtomicInteger()).incrementAndGet());
	}

	@GetMapping("/public/products/{id}")
	@CachedResponse(key = "#id", ttl = "5m", tags = "'product:' + #id")
	@InvalidateOn(event = ProductChanged.class, key = "#event.id")
	Mono<Product> product(@PathVariable long id) {
		return counted("product", this.database.read(id));
	}

	@GetMapping("/public/products/{id}/entity")
	@CachedResponse(cache = "entities", cacheControl = "public, max-age=60")
	Mono<ResponseEntity<Product>> entity(@PathVariable long id) {
		return counted("entity", this.database.read(id)
			.map((product) -> ResponseEntity.ok().header("X-Source", "catalog").body(product)));
	}

	@GetMapping("/public/products")
	@CachedResponse(cache = "lists")
	Flux<Product> products() {
		return counted("products", Mono.just(1)).thenMany(Flux.range(1, 3).map((i) -> new Product(i, "item " + i, 1)));
	}

	@GetMapping("/public/greeting")
	@CachedResponse(vary = "Accept-Language")
	Mono<String> greeting(@RequestHeader(name = "Accept-Language", defaultValue = "en") String language) {
		return counted("greeting", Mono.just(language.startsWith("de") ? "Hallo" : "Hello"));
	}

	@GetMapping("/public/cookie")
	@CachedResponse
	Mono<ResponseEntity<String>> cookie() {
		return counted("cookie", Mono.just(ResponseEntity.ok().header("Set-Cookie", "seen=1").body("with a cookie")));
	}

	@GetMapping("/public/big")
	@CachedResponse
	Mono<String> big() {
		return counted("big", Mono.just("x".repeat(4096)));
	}

	@GetMapping("/public/fails")
	@CachedResponse
	Mono<String> fails() {
		return counted("fails", Mono.error(new IllegalStateException("the catalog is down")));
	}

	@GetMapping(path = "/public/ticks", produces = "text/event-stream")
	@CachedResponse
	Flux<ServerSentEvent<String>> ticks() {
		return counted("ticks", Mono.just(1))
			.thenMany(Flux.range(0, 3).map((tick) -> ServerSentEvent.builder("tick " + tick).build()));
	}

}
