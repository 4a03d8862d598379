package io.github.tieredcache.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A web application with a tiered {@code prices} cache filled by a {@code @Cached} method
 * that a {@code price-changed} event invalidates, for the webhook tests.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
class WebhookApplication {

	static final String SECRET = "test-secret-test-secret-test-secret-0123";

	@Bean
	Prices prices() {
		return new Prices();
	}

	/**
	 * Cached prices, counting how often they are really looked up.
	 */
	static class Prices {

		private final AtomicInteger lookups = new AtomicInteger();

		@Cached(cache = "prices", key = "#sku")
		@InvalidateOn(name = "price-changed", key = "#event['sku']")
		public String price(String sku) {
			return sku + ":" + this.lookups.incrementAndGet();
		}

		int lookups() {
			return this.lookups.get();
		}

	}

	/**
	 * Sends webhook calls to one instance, signed with {@link #SECRET} unless told
	 * otherwise.
	 */
	record Sender(int port) {

		private static final HttpClient client = HttpClient.newHttpClient();

		private static final WebhookSignatures signatures = new WebhookSignatures(
				SECRET.getBytes(StandardCharsets.UTF_8));

		static String timestamp() {
			return Long.toString(Instant.now().getEpochSecond());
		}

		static String sign(String timestamp, String body) {
			return signatures.sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
		}

		HttpResponse<String> signed(String body) {
			String timestamp = timestamp();
			return send(body, timestamp, sign(timestamp, body));
		}

		HttpResponse<String> send(String body, String timestamp, String signature) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/cache/invalidations"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (timestamp != null) {
				request.header("X-Cache-Timestamp", timestamp);
			}
			if (signature != null) {
				request.header("X-Cache-Signature", signature);
			}
			return send(request.build());
		}

		static HttpResponse<String> send(HttpRequest request) {
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
