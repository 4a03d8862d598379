package io.github.tieredcache.aspect;

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
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@code @Cached(refresh)}: a call that asks for fresh data runs the method and
 * replaces the entry for everyone else's reads.
 */
class CachedRefreshTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class,
				TieredCacheAnnotationsAutoConfiguration.class))
		.withPropertyValues("tiered-cache.caches.quotes.cache-null-values=false")
		.withUserConfiguration(Beans.class);

	@Test
	void aRefreshRunsTheMethodAndItsResultReplacesTheEntry() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("ACME", false)).isEqualTo("ACME#1");
			assertThat(quotes.quote("ACME", false)).isEqualTo("ACME#1");
			assertThat(quotes.quote("ACME", true)).isEqualTo("ACME#2");
			assertThat(quotes.quote("ACME", false)).isEqualTo("ACME#2");
			assertThat(cache(context).get("ACME").get()).isEqualTo("ACME#2");
			assertThat(cache(context).statistics().snapshot().refreshesOnDemand()).isEqualTo(1);
		});
	}

	@Test
	void aRefreshedResultThatMayNotBeCachedEvictsTheEntry() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.quote("ACME", false);
			quotes.delist("ACME");
			assertThat(quotes.quote("ACME", true)).isNull();
			assertThat(cache(context).get("ACME")).isNull();
		});
	}

	@Test
	void aRefreshThatThrowsKeepsTheEntryAndTheExceptionReachesTheCaller() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.quote("ACME", false);
			quotes.failNextLoad();
			assertThatIllegalStateException().isThrownBy(() -> quotes.quote("ACME", true)).withMessage("feed down");
			assertThat(quotes.quote("ACME", false)).isEqualTo("ACME#1");
		});
	}

	private static TieredCache cache(ApplicationContext context) {
		return context.getBean(TieredCacheManager.class).getCache("quotes");
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

	public static class Quotes {

		private final AtomicInteger loads = new AtomicInteger();

		private volatile @Nullable String delisted;

		private volatile boolean fail;

		void delist(String symbol) {
			this.delisted = symbol;
		}

		void failNextLoad() {
			this.fail = true;
		}

		@Cached(cache = "quotes", key = "#symbol", refresh = "#fresh")
		public @Nullable String quote(String symbol, boolean fresh) {
			if (this.fail) {
				this.fail = false;
				throw new IllegalStateException("feed down");
			}
			return symbol.equals(this.delisted) ? null : symbol + "#" + this.loads.incrementAndGet();
		}

	}

}
