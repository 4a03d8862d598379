package io.github.tieredcache.test.cache;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application with one {@code @Cached} service, as a user's tests would start it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ProductApplication {

	@Bean
	Products products() {
		return new Products();
	}

	public static class Products {

		private final AtomicInteger loads = new AtomicInteger();

		@Cached(cache = "products", key = "#id")
		public String find(long id) {
			return "product " + id + " #" + this.loads.incrementAndGet();
		}

	}

}
