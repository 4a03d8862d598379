package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures for cache annotations and invalidation rules that cannot work: each
 * names the class, method and attribute (or the property) and the fix.
 */
class AnnotationFailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TieredCacheAutoConfiguration.class, TieredCacheAnnotationsAutoConfiguration.class));

	@Test
	void invalidKeyExpressionNamesTheMethodAndAttribute() {
		FailureAnalysis analysis = analyze(this.runner.withBean(BadKey.class));
		assertThat(analysis.getDescription()).contains(BadKey.class.getName() + ".find(String)")
			.contains("@Cached(key)")
			.contains("'#id +'");
		assertThat(analysis.getAction()).contains("Fix the SpEL expression");
	}

	@Test
	void unparsableTtlNamesTheMethodAndAttribute() {
		FailureAnalysis analysis = analyze(this.runner.withBean(BadTtl.class));
		assertThat(analysis.getDescription()).contains(BadTtl.class.getName() + ".find(String)")
			.contains("@Cached(ttl)")
			.contains("'5 minutes' is not a duration");
		assertThat(analysis.getAction()).contains("30s, 5m");
	}

	@Test
	void unparsableDelayNamesTheMethodAndAttribute() {
		FailureAnalysis analysis = analyze(this.runner.withBean(BadDelay.class));
		assertThat(analysis.getDescription()).contains(BadDelay.class.getName() + ".find(String)")
			.contains("@InvalidateOn(delay)");
	}

	@Test
	void invalidateOnWithoutCachedIsRejected() {
		FailureAnalysis analysis = analyze(this.runner.withBean(InvalidateOnly.class));
		assertThat(analysis.getDescription()).contains(InvalidateOnly.class.getName() + ".find(String)")
			.contains("not @Cached");
		assertThat(analysis.getAction()).contains("Add @Cached");
	}

	@Test
	void cachedWithoutACacheNameIsRejected() {
		FailureAnalysis analysis = analyze(this.runner.withBean(NoCacheName.class));
		assertThat(analysis.getDescription()).contains("@Cached(cache)").contains("no cache is named");
	}

	@Test
	void unknownCacheIsRejectedWhenCachesAreNotCreatedOnDemand() {
		FailureAnalysis analysis = analyze(this.runner.withBean(UnknownCache.class)
			.withPropertyValues("tiered-cache.create-on-demand=false", "tiered-cache.caches.products.ttl=1m"));
		assertThat(analysis.getDescription()).contains(UnknownCache.class.getName() + ".find(String)")
			.contains("cache 'prodcuts' does not exist");
		assertThat(analysis.getAction()).contains("tiered-cache.caches.prodcuts");
	}

	@Test
	void unknownCacheIsAcceptedWhenCachesAreCreatedOnDemand() {
		this.runner.withBean(UnknownCache.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void ruleNamingAnUnknownCacheIsRejectedWhenCachesAreNotCreatedOnDemand() {
		FailureAnalysis analysis = analyze(this.runner.withPropertyValues("tiered-cache.create-on-demand=false",
				"tiered-cache.caches.products.ttl=1m", "tiered-cache.invalidation.rules[0].event=product-changed",
				"tiered-cache.invalidation.rules[0].caches=products,prices"));
		assertThat(analysis.getDescription()).contains("tiered-cache.invalidation.rules[0]")
			.contains("cache 'prices' does not exist");
	}

	@Test
	void ruleWithAnInvalidExpressionNamesTheProperty() {
		FailureAnalysis analysis = analyze(
				this.runner.withPropertyValues("tiered-cache.invalidation.rules[0].event=product-changed",
						"tiered-cache.invalidation.rules[0].caches=products",
						"tiered-cache.invalidation.rules[0].keys[0]=#event["));
		assertThat(analysis.getDescription()).contains("tiered-cache.invalidation.rules[0].keys[0]");
	}

	@Test
	void ruleWithoutAnEventIsRejected() {
		FailureAnalysis analysis = analyze(
				this.runner.withPropertyValues("tiered-cache.invalidation.rules[0].caches=products"));
		assertThat(analysis.getDescription()).contains("tiered-cache.invalidation.rules[0].event");
	}

	private static FailureAnalysis analyze(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidCacheAnnotationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	static class BadKey {

		@Cached(cache = "products", key = "#id +")
		public String find(String id) {
			return id;
		}

	}

	static class BadTtl {

		@Cached(cache = "products", ttl = "5 minutes")
		public String find(String id) {
			return id;
		}

	}

	static class BadDelay {

		@Cached(cache = "products")
		@InvalidateOn(name = "product-changed", delay = "soon")
		public String find(String id) {
			return id;
		}

	}

	static class InvalidateOnly {

		@InvalidateOn(name = "product-changed")
		public String find(String id) {
			return id;
		}

	}

	static class NoCacheName {

		@Cached(key = "#id")
		public String find(String id) {
			return id;
		}

	}

	static class UnknownCache {

		@Cached(cache = "prodcuts")
		public String find(String id) {
			return id;
		}

	}

}
