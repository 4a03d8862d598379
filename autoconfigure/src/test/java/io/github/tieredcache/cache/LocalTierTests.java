package io.github.tieredcache.cache;

import java.time.Duration;

import io.github.tieredcache.cache.TieredCacheTests.MutableTicker;
import org.junit.jupiter.api.Test;

import org.springframework.cache.support.SimpleValueWrapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * L1 expiry: every entry lives at most the L1 TTL, and an entry given less lives only
 * that long.
 */
class LocalTierTests {

	private final MutableTicker ticker = new MutableTicker();

	private final LocalTier tier = new LocalTier(100, Duration.ofMinutes(5), this.ticker);

	@Test
	void entryLivesForTheMaximumTtl() {
		this.tier.put("k", new SimpleValueWrapper("v"), Duration.ofHours(1));
		this.ticker.advance(Duration.ofMinutes(4));
		assertThat(this.tier.get("k")).isNotNull();
		assertThat(this.tier.expiresAfter("k")).contains(Duration.ofMinutes(1));
		this.ticker.advance(Duration.ofMinutes(1));
		assertThat(this.tier.get("k")).isNull();
	}

	@Test
	void entryGivenLessThanTheMaximumExpiresOnTime() {
		this.tier.put("k", new SimpleValueWrapper("v"), Duration.ofSeconds(30));
		this.ticker.advance(Duration.ofSeconds(29));
		assertThat(this.tier.get("k").get()).isEqualTo("v");
		assertThat(this.tier.expiresAfter("k")).contains(Duration.ofSeconds(1));
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(this.tier.get("k")).isNull();
		assertThat(this.tier.expiresAfter("k")).isEmpty();
	}

	@Test
	void nonPositiveTtlStoresNothingAndRemovesThePreviousEntry() {
		this.tier.put("k", new SimpleValueWrapper("old"), Duration.ofMinutes(1));
		this.tier.put("k", new SimpleValueWrapper("new"), Duration.ofMillis(-5));
		assertThat(this.tier.get("k")).isNull();
	}

	@Test
	void putIfAbsentReplacesAnExpiredEntry() {
		this.tier.put("k", new SimpleValueWrapper("old"), Duration.ofSeconds(10));
		assertThat(this.tier.putIfAbsent("k", new SimpleValueWrapper("other"), Duration.ofMinutes(1)).get())
			.isEqualTo("old");
		this.ticker.advance(Duration.ofSeconds(10));
		assertThat(this.tier.putIfAbsent("k", new SimpleValueWrapper("new"), Duration.ofMinutes(1))).isNull();
		assertThat(this.tier.get("k").get()).isEqualTo("new");
	}

}
