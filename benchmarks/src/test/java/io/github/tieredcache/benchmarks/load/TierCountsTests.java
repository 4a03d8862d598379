package io.github.tieredcache.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TierCountsTests {

	private static final String SCRAPE = """
			# HELP tiered_cache_gets_total Cache gets per tier
			# TYPE tiered_cache_gets_total counter
			tiered_cache_gets_total{application="sample",cache="exploits",cache_manager="cacheManager",result="hit",tier="l1"} 900.0
			tiered_cache_gets_total{application="sample",cache="exploits",cache_manager="cacheManager",result="miss",tier="l1"} 100.0
			tiered_cache_gets_total{application="sample",cache="exploits",cache_manager="cacheManager",result="hit",tier="l2"} 60.0
			tiered_cache_gets_total{application="sample",cache="exploits",cache_manager="cacheManager",result="miss",tier="l2"} 40.0
			tiered_cache_gets_total{cache="exploit",result="hit",tier="l1"} 100
			tiered_cache_gets_total_created{cache="exploit",result="hit",tier="l1"} 1.7E9
			cache_gets_total{cache="exploits",result="hit"} 960.0
			""";

	@Test
	void sumsTheGetsOfAllCachesPerTierAndResult() {
		TierCounts counts = TierCounts.parse(SCRAPE);
		assertThat(counts).isEqualTo(new TierCounts(1000, 100, 60, 40));
	}

	@Test
	void ratiosPerTierAndOverall() {
		TierCounts counts = new TierCounts(900, 100, 60, 40);
		assertThat(counts.l1HitRatio()).isCloseTo(0.90, within(1e-9));
		assertThat(counts.l2HitRatio()).isCloseTo(0.60, within(1e-9));
		assertThat(counts.hitRatio()).isCloseTo(0.96, within(1e-9));
	}

	@Test
	void readsOfCachesWithoutL1CountOnceFromL2() {
		// 100 L1 misses reach L2, plus 50 reads of an L2-only cache
		TierCounts counts = new TierCounts(900, 100, 120, 30);
		assertThat(counts.hitRatio()).isCloseTo(1020.0 / 1050, within(1e-9));
	}

	@Test
	void differencesBetweenScrapes() {
		TierCounts before = new TierCounts(10, 5, 3, 2);
		TierCounts after = new TierCounts(110, 15, 8, 7);
		assertThat(after.minus(before)).isEqualTo(new TierCounts(100, 10, 5, 5));
	}

	@Test
	void noMetersMeansNoRatio() {
		assertThat(TierCounts.parse("cache_gets_total{cache=\"x\"} 1.0\n")).isEqualTo(TierCounts.NONE);
		assertThat(TierCounts.NONE.hitRatio()).isNaN();
	}

}
