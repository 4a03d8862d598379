package io.github.tieredcache.autoconfigure;

import java.time.Duration;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheStartupReport}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TieredCacheStartupReportTests {

	@Test
	void summarisesCachesTiersAndTtlsOfAManager() {
		TieredCacheManager manager = TieredCacheManager.builder()
			.cache(CacheSpec.builder("products").ttl(Duration.ofMinutes(10)).build())
			.cache(CacheSpec.builder("rates").ttl(Duration.ofSeconds(30)).l1MaxSize(100).build())
			.build();
		assertThat(TieredCacheStartupReport.describe("cacheManager", manager, true))
			.isEqualTo("Tiered cache manager 'cacheManager': 2 caches: products (ttl 10m; L1 10000 entries for 5m), "
					+ "rates (ttl 30s; L1 100 entries for 30s); other caches created on first use "
					+ "(ttl 1h; L1 10000 entries for 5m; L2 Redis)");
	}

	@Test
	void logsOneLinePerManagerAtStartUp(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TieredCacheAutoConfiguration.class))
			.withPropertyValues("tiered-cache.caches.products.ttl=10m", "tiered-cache.create-on-demand=false")
			.run((context) -> assertThat(output).containsOnlyOnce("Tiered cache manager 'cacheManager': 1 cache: "
					+ "products (ttl 10m; L1 10000 entries for 5m); no other caches are created"));
	}

	@Test
	void formatsDurationsInTheirLargestWholeUnit() {
		assertThat(TieredCacheStartupReport.format(Duration.ofDays(2))).isEqualTo("2d");
		assertThat(TieredCacheStartupReport.format(Duration.ofMinutes(90))).isEqualTo("90m");
		assertThat(TieredCacheStartupReport.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
	}

}
