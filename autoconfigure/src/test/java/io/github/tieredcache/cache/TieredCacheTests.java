package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.tieredcache.cache.redis.RedisTierFactory;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How the two tiers work together on a real Redis: fills, expiry, key layout, bad entries
 * and sizes.
 */
class TieredCacheTests {

	private static RedisServer redis;

	private static LettuceConnectionFactory connectionFactory;

	private final MutableTicker ticker = new MutableTicker();

	private String prefix;

	@BeforeAll
	static void connect() {
		redis = RedisServers.shared();
		connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(5));
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	@BeforeEach
	void newPrefix() {
		this.prefix = "tiered-" + UUID.randomUUID();
	}

	@Test
	void writeHasReachedRedisUnderPrefixCacheAndKeyWhenPutReturns() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		cache.put("42", new Product("42", "Lamp"));
		assertThat(redis.command("EXISTS", this.prefix + ":products:42")).isEqualTo("1");
		cache.evict("42");
		assertThat(redis.command("EXISTS", this.prefix + ":products:42")).isEqualTo("0");
	}

	@Test
	void l2HitFromAnotherInstanceFillsL1WithoutRunningTheLoader() {
		TieredCache writer = instance(spec("products"), Clock.systemUTC());
		TieredCache reader = instance(spec("products"), Clock.systemUTC());
		writer.put("42", new Product("42", "Lamp"));
		AtomicInteger loads = new AtomicInteger();
		assertThat(reader.get("42", () -> {
			loads.incrementAndGet();
			return new Product("42", "from database");
		})).isEqualTo(new Product("42", "Lamp"));
		assertThat(loads).hasValue(0);
		TieredCacheStats stats = reader.statistics().snapshot();
		assertThat(stats.l2Hits()).isEqualTo(1);
		assertThat(reader.localTier().get("42")).isNotNull();
		reader.get("42");
		assertThat(reader.statistics().snapshot().l1Hits()).isEqualTo(1);
	}

	@Test
	void l2HitFillsL1ForTheTimeTheEntryHasLeftInRedis() {
		Instant written = Instant.parse("2026-01-01T10:00:00Z");
		TieredCache writer = instance(spec("products"), Clock.fixed(written, ZoneOffset.UTC));
		writer.put("42", "v");
		Clock eightMinutesLater = Clock.fixed(written.plus(Duration.ofMinutes(8)), ZoneOffset.UTC);
		TieredCache reader = instance(spec("products"), eightMinutesLater);
		assertThat(reader.get("42", String.class)).isEqualTo("v");
		assertThat(l1ExpiresAfter(reader, "42")).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void l2HitFillsL1NoLongerThanTheL1Ttl() {
		Instant written = Instant.parse("2026-01-01T10:00:00Z");
		TieredCache writer = instance(spec("products"), Clock.fixed(written, ZoneOffset.UTC));
		writer.put("42", "v");
		Clock oneMinuteLater = Clock.fixed(written.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
		TieredCache reader = instance(spec("products"), oneMinuteLater);
		reader.get("42");
		assertThat(l1ExpiresAfter(reader, "42")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void afterL1ExpiryTheValueComesFromRedisWithoutRunningTheLoader() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		AtomicInteger loads = new AtomicInteger();
		cache.get("42", () -> "v" + loads.incrementAndGet());
		this.ticker.advance(Duration.ofMinutes(6));
		assertThat(cache.localTier().get("42")).isNull();
		assertThat(cache.get("42", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
		assertThat(loads).hasValue(1);
		TieredCacheStats stats = cache.statistics().snapshot();
		assertThat(stats.l2Hits()).isEqualTo(1);
		assertThat(stats.loadSuccesses()).isEqualTo(1);
	}

	@Test
	void redisTtlIsTheCacheTtl() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		cache.put("42", "v");
		long pttl = Long.parseLong(redis.command("PTTL", this.prefix + ":products:42"));
		assertThat(pttl).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
	}

	@Test
	void cachedNullsLiveForTheNullValueTtl() {
		TieredCache cache = instance(
				CacheSpec.builder("products").ttl(Duration.ofMinutes(10)).nullValueTtl(Duration.ofSeconds(30)).build(),
				Clock.systemUTC());
		cache.put("missing", null);
		long pttl = Long.parseLong(redis.command("PTTL", this.prefix + ":products:missing"));
		assertThat(pttl).isBetween(1L, Duration.ofSeconds(30).toMillis());
		assertThat(l1ExpiresAfter(cache, "missing")).isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void ttlJitterSpreadsExpiriesWithoutExceedingTheTtl() {
		TieredCache cache = instance(CacheSpec.builder("products").ttl(Duration.ofMinutes(10)).ttlJitter(0.5).build(),
				Clock.systemUTC());
		Set<Long> ttls = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			cache.put("k" + i, i);
			long pttl = Long.parseLong(redis.command("PTTL", this.prefix + ":products:k" + i));
			assertThat(pttl).isBetween(Duration.ofMinutes(5).toMillis() - 1000, Duration.ofMinutes(10).toMillis());
			ttls.add(pttl / 1000);
		}
		assertThat(ttls).hasSizeGreaterThan(10);
	}

	@Test
	void unreadableValueInRedisIsAMissThatIsCountedAndRemoved() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		redis.command("SET", this.prefix + ":products:42", "not a cache entry");
		assertThat(cache.get("42")).isNull();
		assertThat(cache.statistics().snapshot().l2UnreadableValues()).isEqualTo(1);
		assertThat(redis.command("EXISTS", this.prefix + ":products:42")).isEqualTo("0");
		assertThat(cache.get("42", () -> "reloaded")).isEqualTo("reloaded");
	}

	@Test
	void valueAboveTheSizeLimitStaysInL1AndRemovesTheStaleRedisEntry() {
		TieredCache cache = instance(CacheSpec.builder("products").l2MaxValueSize(100).build(), Clock.systemUTC());
		cache.put("42", "small");
		cache.put("42", "x".repeat(500));
		assertThat(redis.command("EXISTS", this.prefix + ":products:42")).isEqualTo("0");
		assertThat(cache.get("42", String.class)).hasSize(500);
		assertThat(cache.statistics().snapshot().l2OversizedValues()).isEqualTo(1);
	}

	@Test
	void longKeysAreHashed() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		String longKey = "k".repeat(1000);
		cache.put(longKey, "v");
		assertThat(redis.command("EXISTS", this.prefix + ":products:" + longKey)).isEqualTo("0");
		TieredCache other = instance(spec("products"), Clock.systemUTC());
		assertThat(other.get(longKey, String.class)).isEqualTo("v");
		assertThat(other.get("k".repeat(999) + "j")).isNull();
	}

	@Test
	void clearRemovesEveryKeyOfTheCacheInBatchesAndNoOtherCachesKeys() {
		TieredCacheManager manager = TieredCacheManager.builder()
			.remoteTiers(tiers().clearBatchSize(100).build())
			.cache(spec("a"))
			.cache(spec("a:b"))
			.build();
		TieredCache a = manager.getCache("a");
		TieredCache ab = manager.getCache("a:b");
		for (int i = 0; i < 1050; i++) {
			a.put(i, i);
		}
		ab.put("kept", "value");
		assertThat(a.invalidate()).isTrue();
		assertThat(countKeys(this.prefix + ":a:*")).isZero();
		assertThat(ab.get("kept", String.class)).isEqualTo("value");
		assertThat(redis.command("EXISTS", this.prefix + ":a%3Ab:kept")).isEqualTo("1");
	}

	@Test
	void keyWithoutStableStringFormFailsWithTheFixInsteadOfBeingSwallowed() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		Object unstableKey = new Object();
		assertThatIllegalArgumentException().isThrownBy(() -> cache.get(unstableKey, () -> "v"))
			.withMessageContaining("toString()");
		assertThatIllegalArgumentException().isThrownBy(() -> cache.put(unstableKey, "v"));
		assertThat(cache.statistics().snapshot().l2Errors()).isZero();
	}

	@Test
	void centuryLongTtlsWork() {
		TieredCache cache = instance(
				CacheSpec.builder("products").ttl(CacheSpec.MAX_TTL).l1Ttl(CacheSpec.MAX_TTL).ttlJitter(0.1).build(),
				Clock.systemUTC());
		cache.put("42", "v", Duration.ofSeconds(Long.MAX_VALUE));
		TieredCache other = instance(
				CacheSpec.builder("products").ttl(CacheSpec.MAX_TTL).l1Ttl(CacheSpec.MAX_TTL).build(),
				Clock.systemUTC());
		assertThat(other.get("42", String.class)).isEqualTo("v");
		assertThat(cache.statistics().snapshot().l2Errors()).isZero();
	}

	@Test
	void unreadableValueDoesNotBlockPutIfAbsent() {
		TieredCache cache = instance(spec("products"), Clock.systemUTC());
		redis.command("SET", this.prefix + ":products:42", "not a cache entry");
		assertThat(cache.putIfAbsent("42", "fresh")).isNull();
		assertThat(instance(spec("products"), Clock.systemUTC()).get("42", String.class)).isEqualTo("fresh");
	}

	@Test
	void readsAlsoWorkThroughConnectionsBorrowedPerCall() {
		LettuceConnectionFactory unshared = RedisConnections.open(redis, Duration.ofSeconds(5));
		unshared.setShareNativeConnection(false);
		try {
			TieredCache writer = instance(spec("products"), Clock.systemUTC());
			TieredCache reader = TieredCacheManager.builder()
				.remoteTiers(RedisConnections.tiers(unshared, this.prefix).build())
				.cache(CacheSpec.builder("products").l1Enabled(false).build())
				.build()
				.getCache("products");
			writer.put("42", "v");
			assertThat(reader.get("42", String.class)).isEqualTo("v");
			assertThat(reader.get("43")).isNull();
		}
		finally {
			unshared.destroy();
		}
	}

	@Test
	void putIfAbsentFromTwoInstancesLetsExactlyOneWin() {
		TieredCache first = instance(spec("products"), Clock.systemUTC());
		TieredCache second = instance(spec("products"), Clock.systemUTC());
		assertThat(first.putIfAbsent("42", "first")).isNull();
		assertThat(second.putIfAbsent("42", "second").get()).isEqualTo("first");
		assertThat(second.get("42", String.class)).isEqualTo("first");
	}

	private long countKeys(String pattern) {
		long count = 0;
		try (RedisConnection connection = connectionFactory.getConnection();
				Cursor<byte[]> keys = connection.keyCommands()
					.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
			while (keys.hasNext()) {
				keys.next();
				count++;
			}
		}
		return count;
	}

	private CacheSpec spec(String name) {
		return CacheSpec.builder(name).ttl(Duration.ofMinutes(10)).l1Ttl(Duration.ofMinutes(5)).build();
	}

	private RedisTierFactory.Builder tiers() {
		return RedisConnections.tiers(connectionFactory, this.prefix);
	}

	private TieredCache instance(CacheSpec spec, Clock clock) {
		return TieredCacheManager.builder()
			.remoteTiers(tiers().clock(clock).build())
			.ticker(this.ticker)
			.clock(clock)
			.cache(spec)
			.build()
			.getCache(spec.name());
	}

	private static Duration l1ExpiresAfter(TieredCache cache, Object key) {
		return cache.localTier().expiresAfter(key).orElseThrow();
	}

	static final class MutableTicker implements Ticker {

		private long nanos;

		@Override
		public long read() {
			return this.nanos;
		}

		void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

	}

}
