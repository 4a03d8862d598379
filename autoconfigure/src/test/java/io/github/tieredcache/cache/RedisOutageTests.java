package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * When Redis is down, cache calls still answer: from L1 or from the loader, never with an
 * exception.
 */
@RealRedis
@Tag("fault")
class RedisOutageTests {

	@Test
	void cacheKeepsAnsweringWhileRedisIsDownAndUsesItAgainWhenItReturns(@Dedicated RedisServer redis) {
		LettuceConnectionFactory connectionFactory = RedisConnections.open(redis, Duration.ofMillis(300));
		try {
			TieredCache cache = TieredCacheManager.builder()
				.remoteTiers(RedisConnections.tiers(connectionFactory, "outage").build())
				.build()
				.getCache("products");
			cache.put("cached", "before the outage");
			redis.kill();

			AtomicInteger loads = new AtomicInteger();
			assertThat(cache.get("cached", String.class)).isEqualTo("before the outage");
			assertThat(cache.get("new", () -> "loaded " + loads.incrementAndGet())).isEqualTo("loaded 1");
			assertThat(cache.get("new", () -> "loaded " + loads.incrementAndGet())).isEqualTo("loaded 1");
			assertThatNoException().isThrownBy(() -> {
				cache.put("other", "written during the outage");
				cache.evict("cached");
				cache.putIfAbsent("third", "x");
				cache.clear();
			});
			assertThat(cache.statistics().snapshot().l2Errors()).isPositive();

			redis.restart();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				cache.put("after", "back");
				assertThat(redis.command("EXISTS", "outage:products:after")).isEqualTo("1");
			});
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
