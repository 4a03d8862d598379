package io.github.tieredcache.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.CachedResponse;
import io.github.tieredcache.annotation.InvalidateOn;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A web application whose controller caches its responses with {@code @CachedResponse},
 * counting how often each handler really runs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
class CatalogWebApplication {

	record Product(long id, String name, int version) {
	}

	@RestController
	static class CatalogController {

		private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		int runs(String handler) {
			return this.runs.computeIfAbsent(handler, (name) -> new AtomicInteger()).get();
		}

		private int run(String handler) {
			return this.runs.computeIfAbsent(handler, (name) -> new AtomicInteger()).incrementAndGet();
		}

		@GetMapping("/products/{id}")
		@CachedResponse(key = "#id", ttl = "5m", tags = "'product:' + #id")
		@InvalidateOn(name = "product-changed", key = "#event['id']")
		public Product product(@PathVariable long id) {
			return new Product(id, "product " + id, run("product"));
		}

		private volatile CountDownLatch slowGate = new CountDownLatch(0);

		private volatile CountDownLatch slowStarted = new CountDownLatch(0);

		void holdSlow(CountDownLatch started, CountDownLatch gate) {
			this.slowStarted = started;
			this.slowGate = gate;
		}

		@GetMapping("/slow/{id}")
		@CachedResponse(cache = "slow", key = "#id")
		public Product slow(@PathVariable long id) throws InterruptedException {
			Product read = new Product(id, "slow " + id, run("slow"));
			this.slowStarted.countDown();
			this.slowGate.await(10, TimeUnit.SECONDS);
			return read;
		}

		@GetMapping("/entities/{id}")
		@CachedResponse(cache = "entities", cacheControl = "public, max-age=60")
		public ResponseEntity<Product> entity(@PathVariable long id, HttpServletResponse response) {
			return ResponseEntity.ok().header("X-Source", "catalog").body(new Product(id, "entity", run("entity")));
		}

		@GetMapping("/greeting")
		@CachedResponse(vary = "Accept-Language")
		public String greeting(@RequestHeader(name = "Accept-Language", defaultValue = "en") String language) {
			run("greeting");
			return language.startsWith("de") ? "Hallo" : "Hello";
		}

		@GetMapping("/cookie")
		@CachedResponse
		public ResponseEntity<String> cookie() {
			run("cookie");
			return ResponseEntity.ok().header("Set-Cookie", "seen=1").body("with a cookie");
		}

		@GetMapping("/missing/{id}")
		@CachedResponse
		public ResponseEntity<String> missing(@PathVariable long id) {
			run("missing");
			return ResponseEntity.notFound().build();
		}

		@GetMapping("/big")
		@CachedResponse
		public String big() {
			run("big");
			return "x".repeat(4096);
		}

		@GetMapping("/fails")
		@CachedResponse
		public String fails() {
			run("fails");
			throw new IllegalStateException("the catalog is down");
		}

		@GetMapping("/stream")
		@CachedResponse
		public StreamingResponseBody stream() {
			run("stream");
			return (out) -> out.write("streamed".getBytes(StandardCharsets.UTF_8));
		}

	}

}
