package io.github.tieredcache.cache;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CacheSpec}: the defaults it starts from and the rules it enforces.
 */
class CacheSpecTests {

	@Test
	void builderStartsFromTheDefaultConstants() {
		CacheSpec spec = CacheSpec.builder("products").build();
		assertThat(spec).isEqualTo(new CacheSpec("products", CacheSpec.DEFAULT_TTL, CacheSpec.DEFAULT_TTL_JITTER,
				CacheSpec.DEFAULT_CACHE_NULL_VALUES, CacheSpec.DEFAULT_NULL_VALUE_TTL, CacheSpec.DEFAULT_L1_ENABLED,
				CacheSpec.DEFAULT_L1_MAX_SIZE, CacheSpec.DEFAULT_L1_TTL, CacheSpec.DEFAULT_L2_ENABLED,
				CacheSpec.DEFAULT_L2_MAX_VALUE_SIZE, CacheSpec.DEFAULT_LEASE_TTL, CacheSpec.DEFAULT_SINGLE_FLIGHT,
				CacheSpec.DEFAULT_SINGLE_FLIGHT_WAIT, CacheSpec.DEFAULT_REFRESH_AHEAD, CacheSpec.DEFAULT_HOT_KEYS,
				CacheSpec.DEFAULT_HOT_KEY_REFRESH_BEFORE, CacheSpec.DEFAULT_L2_COMPRESSION,
				CacheSpec.DEFAULT_L2_COMPRESSION_THRESHOLD));
	}

	@Test
	void badValueFailsAtTheSetterNamingTheCacheTheSettingAndTheValue() {
		CacheSpec.Builder builder = CacheSpec.builder("products");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl(Duration.ofSeconds(-5)))
			.withMessageContaining("products")
			.withMessageContaining("ttl")
			.withMessageContaining("PT-5S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ttlJitter(1.5)).withMessageContaining("1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.l1MaxSize(-1)).withMessageContaining("-1");
	}

	@Test
	void hotKeysAreBoundedByTheLibrary() {
		assertThat(CacheSpec.builder("products").hotKeys(CacheSpec.MAX_HOT_KEYS).build().hotKeys())
			.isEqualTo(CacheSpec.MAX_HOT_KEYS);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CacheSpec.builder("products").hotKeys(CacheSpec.MAX_HOT_KEYS + 1))
			.withMessageContaining(String.valueOf(CacheSpec.MAX_HOT_KEYS + 1));
	}

	@Test
	void ttlsBeyondTheLongestAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CacheSpec.builder("products").l1Ttl(CacheSpec.MAX_TTL.plusDays(1)))
			.withMessageContaining("36500d");
	}

	@Test
	void specWithoutATierIsRejectedWhenBuilt() {
		CacheSpec.Builder builder = CacheSpec.builder("products").l1Enabled(false).l2Enabled(false);
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("at least one tier");
	}

}
