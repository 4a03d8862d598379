package io.github.tieredcache.metrics;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TieredCacheMeterBinder} on an in-process cache.
 */
class TieredCacheMeterBinderTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private TieredCache cache;

	@BeforeEach
	void bindACache() {
		TieredCacheManager manager = TieredCacheManager.builder().cache(CacheSpec.builder("products").build()).build();
		this.cache = manager.getCache("products");
		new TieredCacheMeterBinderProvider().getMeterBinder(this.cache, Tags.of("cache.manager", "cacheManager"))
			.bindTo(this.registry);
	}

	@Test
	void standardCacheMetersCountHitsMissesPutsAndEvictions() {
		this.cache.put("1", "one");
		this.cache.get("1");
		this.cache.get("1");
		this.cache.get("2");
		this.cache.evict("1");
		assertThat(count("cache.gets", "result", "hit")).isEqualTo(2);
		assertThat(count("cache.gets", "result", "miss")).isEqualTo(1);
		assertThat(this.registry.get("cache.puts").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("cache.evictions").functionCounter().count()).isEqualTo(1);
		this.cache.put("3", "three");
		assertThat(this.registry.get("cache.size").gauge().value()).isEqualTo(1);
	}

	@Test
	void tierMetersCountL1HitsAndMisses() {
		this.cache.put("1", "one");
		this.cache.get("1");
		this.cache.get("2");
		assertThat(this.registry.get("tiered.cache.gets").tags("tier", "l1", "result", "hit").functionCounter().count())
			.isEqualTo(1);
		assertThat(
				this.registry.get("tiered.cache.gets").tags("tier", "l1", "result", "miss").functionCounter().count())
			.isEqualTo(1);
	}

	@Test
	void invalidationsAreCountedByCause() {
		this.cache.put("user:1", "one");
		this.cache.evict("user:1");
		this.cache.evictMatching("user:*");
		this.cache.clear();
		this.cache.invalidateLocally(Invalidation.key("products", "user:2"));
		for (String cause : new String[] { "key", "pattern", "clear", "remote" }) {
			assertThat(this.registry.get("tiered.cache.invalidations").tag("cause", cause).functionCounter().count())
				.as(cause)
				.isEqualTo(1);
		}
	}

	@Test
	void loadsAreTimedBySuccessAndFailure() {
		this.cache.get("1", () -> "one");
		try {
			this.cache.get("2", () -> {
				throw new IllegalStateException("no");
			});
		}
		catch (RuntimeException ex) {
			// expected
		}
		FunctionTimer success = this.registry.get("tiered.cache.loads").tag("result", "success").functionTimer();
		FunctionTimer failure = this.registry.get("tiered.cache.loads").tag("result", "failure").functionTimer();
		assertThat(success.count()).isEqualTo(1);
		assertThat(failure.count()).isEqualTo(1);
		assertThat(success.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		assertThat(failure.totalTime(TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void l2MetersAreNotBoundForACacheWithoutL2() {
		assertThat(this.registry.find("tiered.cache.gets").tag("tier", "l2").meters()).isEmpty();
		assertThat(this.registry.find("tiered.cache.l2.errors").meters()).isEmpty();
	}

	@Test
	void everyMeterOfANameHasTheSameTagKeysAndNoneHoldsAKey() {
		this.cache.put("secret-key", "value");
		this.cache.get("secret-key");
		for (String name : this.registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getName())
			.collect(Collectors.toSet())) {
			Collection<Meter> meters = this.registry.find(name).meters();
			Set<Set<String>> tagKeys = meters.stream()
				.map((meter) -> meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
				.collect(Collectors.toSet());
			assertThat(tagKeys).as("tag keys of %s", name).hasSize(1);
			assertThat(tagKeys.iterator().next()).as("tag keys of %s", name).contains("cache", "cache.manager");
			meters.forEach((meter) -> assertThat(meter.getId().getTags()).extracting(Tag::getValue)
				.doesNotContain("secret-key"));
		}
	}

	@Test
	void bindingACacheTwiceKeepsOneSetOfMeters() {
		int meters = this.registry.getMeters().size();
		new TieredCacheMeterBinder(this.cache, Tags.of("cache.manager", "cacheManager")).bindTo(this.registry);
		assertThat(this.registry.getMeters()).hasSize(meters);
	}

	private double count(String name, String key, String value) {
		return this.registry.get(name).tag(key, value).functionCounter().count();
	}

}
