package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.TieredCacheTests.MutableTicker;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot-key refresh: the most-read keys are reloaded in the background when read shortly
 * before they expire; other keys are left to expire. Time is moved, never waited for.
 */
class HotKeyRefreshTests {

	private final MutableTicker ticker = new MutableTicker();

	private final MovingClock clock = new MovingClock();

	private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

	@RepeatedTest(20)
	void theMostReadKeyIsReloadedShortlyBeforeItExpiresAndTheOthersAreNot() {
		TieredCache cache = cache(CacheSpec.builder("rates")
			.ttl(Duration.ofSeconds(60))
			.hotKeys(1)
			.hotKeyRefreshBefore(Duration.ofSeconds(10)));
		for (int i = 0; i < 8; i++) {
			read(cache, "cold-" + i);
		}
		for (int i = 0; i < 50; i++) {
			read(cache, "hot");
		}
		// Let L1 apply the recorded reads to its ranking now rather than in the
		// background
		cache.localTier().nativeCache().cleanUp();
		advance(Duration.ofSeconds(30));
		read(cache, "hot");
		assertThat(loads("hot")).as("loads of the hot key before its refresh window").isEqualTo(1);
		advance(Duration.ofSeconds(25));
		assertThat(read(cache, "hot")).as("the read that starts the refresh gets the current value").isEqualTo("hot-1");
		assertThat(loads("hot")).isEqualTo(2);
		assertThat(read(cache, "hot")).isEqualTo("hot-2");
		read(cache, "cold-7");
		assertThat(loads("cold-7")).as("a cold key is not refreshed").isEqualTo(1);
		assertThat(cache.statistics().snapshot().refreshes()).isEqualTo(1);
	}

	@Test
	void aTtlShorterThanTheRefreshWindowIsRefreshedOnlyInTheSecondHalfOfItsLife() {
		TieredCache cache = cache(CacheSpec.builder("rates")
			.ttl(Duration.ofSeconds(10))
			.hotKeys(1)
			.hotKeyRefreshBefore(Duration.ofSeconds(30)));
		read(cache, "hot");
		advance(Duration.ofSeconds(4));
		read(cache, "hot");
		assertThat(loads("hot")).isEqualTo(1);
		advance(Duration.ofSeconds(2));
		read(cache, "hot");
		assertThat(loads("hot")).isEqualTo(2);
	}

	@Test
	void isOffByDefault() {
		TieredCache cache = cache(CacheSpec.builder("rates").ttl(Duration.ofSeconds(60)));
		read(cache, "hot");
		advance(Duration.ofSeconds(59));
		read(cache, "hot");
		assertThat(loads("hot")).isEqualTo(1);
	}

	private TieredCache cache(CacheSpec.Builder spec) {
		return TieredCacheManager.builder()
			.cache(spec.build())
			.ticker(this.ticker)
			.clock(this.clock)
			.refreshExecutor(Runnable::run)
			.build()
			.getCache("rates");
	}

	private Object read(TieredCache cache, String key) {
		return cache.get(key,
				() -> key + "-" + this.loads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet());
	}

	private int loads(String key) {
		return this.loads.get(key).get();
	}

	private void advance(Duration duration) {
		this.ticker.advance(duration);
		this.clock.advance(duration);
	}

	static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

	}

}
