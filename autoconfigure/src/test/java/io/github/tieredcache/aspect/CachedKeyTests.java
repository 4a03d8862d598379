package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.autoconfigure.TieredCacheAnnotationsAutoConfiguration;
import io.github.tieredcache.autoconfigure.TieredCacheAutoConfiguration;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.expression.spel.SpelEvaluationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@code @Cached} keys are the ones SpEL gives, whether the key expression is
 * read straight from the arguments ({@code #id}, {@code #p0}, {@code #query.id}) or
 * evaluated, and that a hit still starts a due background refresh.
 */
class CachedKeyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class))
		.withUserConfiguration(Beans.class);

	@Test
	void aParameterKeyIsTheArgumentItself() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(catalog.byId(7)).isEqualTo(catalog.byId(7));
			assertThat(catalog.loads()).isEqualTo(1);
			assertThat(cache(context, "by-id").get(7L).get()).isEqualTo("id-7#1");
			catalog.byId(8);
			assertThat(catalog.loads()).isEqualTo(2);
		});
	}

	@Test
	void positionalKeysReadTheirArgumentAndANamedParameterWinsOverThePosition() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			catalog.bySecond("a", "x");
			catalog.bySecond("b", "x");
			assertThat(catalog.loads()).isEqualTo(1);
			// The second parameter is named p0, so #p0 is that parameter, as in SpEL
			catalog.shadowed("a", "x");
			catalog.shadowed("b", "x");
			assertThat(catalog.loads()).isEqualTo(2);
			assertThat(cache(context, "shadowed").get("x")).isNotNull();
		});
	}

	@Test
	void propertyKeysReadTheGetterOrRecordAccessorNotTheField() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			catalog.byQuery(new Query("q1", 1));
			catalog.byQuery(new Query("q1", 2));
			assertThat(catalog.loads()).isEqualTo(1);
			assertThat(cache(context, "by-query").get("q1")).isNotNull();
			catalog.byCriteria(new Criteria("abc"));
			catalog.byCriteria(new Criteria("ABC"));
			assertThat(catalog.loads()).isEqualTo(2);
			assertThat(cache(context, "by-criteria").get("ABC")).isNotNull();
			assertThat(cache(context, "by-criteria").get("abc")).isNull();
		});
	}

	@Test
	void aPropertyOfANullArgumentFailsAsSpelDoes() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThatExceptionOfType(SpelEvaluationException.class).isThrownBy(() -> catalog.byQuery(null));
			assertThat(catalog.loads()).isZero();
		});
	}

	@Test
	void aGetterThatFailsFailsAsSpelDoes() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThatExceptionOfType(SpelEvaluationException.class)
				.isThrownBy(() -> catalog.byCriteria(new Criteria(null)));
			assertThat(catalog.loads()).isZero();
		});
	}

	@Test
	void aNullArgumentAsTheKeyIsRefusedNamingTheMethod() {
		this.runner.run((context) -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> catalog.byName(null))
				.withMessageContaining("byName")
				.withMessageContaining("gave null");
		});
	}

	@Test
	void oneInterfaceMethodOnTwoBeanClassesUsesEachClasssOwnAnnotation() {
		this.runner.run((context) -> {
			Lookup euros = context.getBean("euros", Lookup.class);
			Lookup dollars = context.getBean("dollars", Lookup.class);
			for (int i = 0; i < 3; i++) {
				assertThat(euros.find("x")).startsWith("eur-x#1");
				assertThat(dollars.find("x")).startsWith("usd-x#1");
			}
			assertThat(cache(context, "euros").get("x").get()).isEqualTo("eur-x#1");
			assertThat(cache(context, "dollars").get("x").get()).isEqualTo("usd-x#1");
		});
	}

	@Test
	void aHitOnAnEntryDueForRefreshStillRefreshesItInTheBackground() {
		this.runner
			.withPropertyValues("tiered-cache.caches.rates.ttl=1s", "tiered-cache.caches.rates.refresh-ahead=0.2")
			.run((context) -> {
				Catalog catalog = context.getBean(Catalog.class);
				assertThat(catalog.rate("eur")).isEqualTo("eur#1");
				await().atMost(Duration.ofSeconds(5))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> !catalog.rate("eur").equals("eur#1"));
				// The new value is in L1 just before the refresh is counted
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(
							() -> assertThat(cache(context, "rates").statistics().snapshot().refreshes()).isPositive());
			});
	}

	private static TieredCache cache(org.springframework.context.ApplicationContext context, String name) {
		return context.getBean(TieredCacheManager.class).getCache(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

		@Bean
		Lookup euros() {
			return new EuroLookup();
		}

		@Bean
		Lookup dollars() {
			return new DollarLookup();
		}

	}

	public static class Catalog {

		private final AtomicInteger loads = new AtomicInteger();

		public int loads() {
			return this.loads.get();
		}

		@Cached(cache = "by-id", key = "#id")
		public String byId(long id) {
			return "id-" + id + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "by-name", key = "#name")
		public String byName(@Nullable String name) {
			return name + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "by-second", key = "#p1")
		public String bySecond(String first, String second) {
			return first + second + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "shadowed", key = "#p0")
		public String shadowed(String first, String p0) {
			return first + p0 + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "by-query", key = "#query.id")
		public String byQuery(@Nullable Query query) {
			return query + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "by-criteria", key = "#criteria.code")
		public String byCriteria(Criteria criteria) {
			return criteria.getCode() + "#" + this.loads.incrementAndGet();
		}

		@Cached(cache = "rates", key = "#currency")
		public String rate(String currency) {
			return currency + "#" + this.loads.incrementAndGet();
		}

	}

	public record Query(String id, int page) {

	}

	/**
	 * A bean whose getter differs from its field, as entities often do.
	 */
	public static class Criteria {

		private final @Nullable String raw;

		public Criteria(@Nullable String raw) {
			this.raw = raw;
		}

		public String getCode() {
			return this.raw.toUpperCase(java.util.Locale.ROOT);
		}

	}

	public interface Lookup {

		String find(String id);

	}

	static class EuroLookup implements Lookup {

		private final AtomicInteger loads = new AtomicInteger();

		@Override
		@Cached(cache = "euros", key = "#id")
		public String find(String id) {
			return "eur-" + id + "#" + this.loads.incrementAndGet();
		}

	}

	static class DollarLookup implements Lookup {

		private final AtomicInteger loads = new AtomicInteger();

		@Override
		@Cached(cache = "dollars", key = "#p0")
		public String find(String id) {
			return "usd-" + id + "#" + this.loads.incrementAndGet();
		}

	}

}
