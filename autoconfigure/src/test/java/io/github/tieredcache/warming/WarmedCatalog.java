package io.github.tieredcache.warming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.Warmer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application whose {@code products} cache is warmed on start-up from a "database"
 * that counts its queries.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
class WarmedCatalog {

	@Bean
	Database database() {
		return new Database();
	}

	@Bean
	Products products(Database database) {
		return new Products(database);
	}

	@Bean
	TopProducts topProducts(Database database, ApplicationAvailability availability) {
		return new TopProducts(database, availability);
	}

	/**
	 * Counts queries.
	 */
	static class Database {

		private final AtomicInteger queries = new AtomicInteger();

		String product(long id) {
			this.queries.incrementAndGet();
			return "product-" + id;
		}

		Map<Long, String> top(int count) {
			this.queries.incrementAndGet();
			Map<Long, String> top = new LinkedHashMap<>();
			for (long id = 1; id <= count; id++) {
				top.put(id, "product-" + id);
			}
			return top;
		}

		int queries() {
			return this.queries.get();
		}

	}

	/**
	 * The service requests go through.
	 */
	static class Products {

		private final Database database;

		Products(Database database) {
			this.database = database;
		}

		@Cached(cache = "products", key = "#id")
		public String find(long id) {
			return this.database.product(id);
		}

	}

	/**
	 * Warms the 1,000 most popular products, noting the readiness it saw.
	 */
	static class TopProducts {

		private final Database database;

		private final ApplicationAvailability availability;

		private volatile ReadinessState readinessWhileWarming;

		TopProducts(Database database, ApplicationAvailability availability) {
			this.database = database;
			this.availability = availability;
		}

		@Warmer(cache = "products", priority = 10)
		public Map<Long, String> topProducts() {
			this.readinessWhileWarming = this.availability.getReadinessState();
			return this.database.top(1000);
		}

		ReadinessState readinessWhileWarming() {
			return this.readinessWhileWarming;
		}

	}

}
