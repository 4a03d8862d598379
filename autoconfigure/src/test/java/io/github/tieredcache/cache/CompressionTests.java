package io.github.tieredcache.cache;

import java.time.Duration;

import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large values are stored compressed in Redis, read back whichever way they were written,
 * and a corrupt compressed entry is a miss like any unreadable one.
 */
@RealRedis
class CompressionTests {

	private @Nullable LettuceConnectionFactory connectionFactory;

	private final String prefix = "compression-" + System.nanoTime();

	@AfterEach
	void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void aLargeCompressibleValueTakesAFractionOfItsSizeInRedisAndReadsBackEqual(RedisServer redis) {
		TieredCache writer = cache(redis, CacheSpec.builder("reports").build());
		String report = report(100 * 1024);
		writer.put("r1", report);
		long stored = Long.parseLong(redis.command("STRLEN", this.prefix + ":reports:r1"));
		assertThat(stored).isLessThan(report.length() / 3);
		TieredCacheStats stats = writer.statistics().snapshot();
		assertThat(stats.l2CompressedValues()).isEqualTo(1);
		assertThat(stats.l2CompressionBytesSaved()).isGreaterThan(report.length() / 2);
		TieredCache reader = cache(redis, CacheSpec.builder("reports").build());
		assertThat(reader.get("r1", String.class)).isEqualTo(report);
		assertThat(reader.statistics().snapshot().l2Hits()).isEqualTo(1);
	}

	@Test
	void valuesBelowTheThresholdAndCachesWithCompressionOffAreStoredAsTheyAre(RedisServer redis) {
		TieredCache cache = cache(redis, CacheSpec.builder("reports").build());
		String small = report(2 * 1024);
		cache.put("small", small);
		assertThat(Long.parseLong(redis.command("STRLEN", this.prefix + ":reports:small")))
			.isGreaterThan(small.length());
		TieredCache off = cache(redis, CacheSpec.builder("plain").l2Compression(false).build());
		String large = report(100 * 1024);
		off.put("large", large);
		assertThat(Long.parseLong(redis.command("STRLEN", this.prefix + ":plain:large"))).isGreaterThan(large.length());
		assertThat(cache.statistics().snapshot().l2CompressedValues()).isZero();
		assertThat(off.statistics().snapshot().l2CompressedValues()).isZero();
	}

	@Test
	void switchingCompressionOnOrOffLeavesEveryEntryReadable(RedisServer redis) {
		String large = report(50 * 1024);
		TieredCache off = cache(redis, CacheSpec.builder("reports").l2Compression(false).build());
		TieredCache on = cache(redis, CacheSpec.builder("reports").l2CompressionThreshold(0).build());
		off.put("written-plain", large);
		on.put("written-compressed", large);
		assertThat(on.get("written-plain", String.class)).isEqualTo(large);
		assertThat(off.get("written-compressed", String.class)).isEqualTo(large);
		assertThat(on.statistics().snapshot().l2UnreadableValues()).isZero();
		assertThat(off.statistics().snapshot().l2UnreadableValues()).isZero();
	}

	@Test
	void aCorruptCompressedEntryIsAMissThatIsCountedAndRemoved(RedisServer redis) {
		TieredCache writer = cache(redis, CacheSpec.builder("reports").build());
		String key = this.prefix + ":reports:r1";
		writer.put("r1", report(100 * 1024));
		// Past the 22-byte header and length: garble the LZ4 block
		redis.command("SETRANGE", key, "30", "\u0001\u0002\u0003garbage-garbage-garbage");
		TieredCache reader = cache(redis, CacheSpec.builder("reports").build());
		assertThat(reader.get("r1", () -> "reloaded")).isEqualTo("reloaded");
		assertThat(reader.statistics().snapshot().l2UnreadableValues()).isEqualTo(1);
		assertThat(reader.get("r1", String.class)).isEqualTo("reloaded");
	}

	/**
	 * JSON-like text that compresses as API payloads do: repeated field names, varying
	 * values.
	 */
	private static String report(int length) {
		StringBuilder text = new StringBuilder(length + 100);
		for (int i = 0; text.length() < length; i++) {
			text.append("{\"id\":")
				.append(i)
				.append(",\"title\":\"Exploit for CVE-2026-")
				.append(1000 + (i * 7919) % 9000)
				.append("\",\"severity\":\"")
				.append((i % 3 == 0) ? "critical" : "high")
				.append("\"},");
		}
		return text.toString();
	}

	private TieredCache cache(RedisServer redis, CacheSpec spec) {
		if (this.connectionFactory == null) {
			this.connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		}
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(this.connectionFactory, this.prefix).build())
			.cache(spec)
			.build()
			.getCache(spec.name());
	}

}
