package io.github.tieredcache.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A web application with the actuator, a Prometheus registry and a tiered
 * {@code products} cache, for the tests that look at the cache from outside.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
@EnableCaching
class ObservedCatalogApplication {

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	/**
	 * Cached lookups, counting how often they really run.
	 */
	static class Catalog {

		private final AtomicInteger lookups = new AtomicInteger();

		@Cacheable("products")
		public String find(String id) {
			this.lookups.incrementAndGet();
			return "product-" + id;
		}

		@Cacheable("prices")
		public String price(String id) {
			this.lookups.incrementAndGet();
			return id + ".00";
		}

		int lookups() {
			return this.lookups.get();
		}

	}

	/**
	 * A minimal HTTP client for the application's actuator.
	 */
	record Http(int port) {

		private static final HttpClient client = HttpClient.newHttpClient();

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(uri(path)).GET().build());
		}

		HttpResponse<String> delete(String path) {
			return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
		}

		HttpResponse<String> postJson(String path, String json) {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build());
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

		private static HttpResponse<String> send(HttpRequest request) {
			try {
				return client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}

	}

}
