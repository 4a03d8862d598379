package io.github.tieredcache.warming;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.test.redis.Dedicated;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slots of a schedule claimed in a real Redis: once per warmer and slot, whichever
 * instance asks first; with Redis unreachable every instance runs its slot.
 */
@RealRedis
class RedisWarmingLockTests {

	@Test
	void eachSlotOfAWarmerIsClaimedOnce(RedisServer redis) {
		LettuceConnectionFactory connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(2));
		try {
			String prefix = "lock-" + UUID.randomUUID();
			WarmingLock first = new RedisWarmingLock(connectionFactory, prefix, "first");
			WarmingLock second = new RedisWarmingLock(connectionFactory, prefix, "second");
			assertThat(first.tryAcquire("top", 60_000, Duration.ofMinutes(1))).isTrue();
			assertThat(second.tryAcquire("top", 60_000, Duration.ofMinutes(1))).isFalse();
			assertThat(first.tryAcquire("top", 60_000, Duration.ofMinutes(1))).isFalse();
			assertThat(second.tryAcquire("top", 120_000, Duration.ofMinutes(1))).isTrue();
			assertThat(second.tryAcquire("recent", 60_000, Duration.ofMinutes(1))).isTrue();
			assertThat(redis.command("GET", prefix + ":~warm:top:60000")).isEqualTo("first");
			String ttl = redis.command("PTTL", prefix + ":~warm:top:60000");
			assertThat(Long.parseLong(ttl)).isBetween(1L, 60_000L);
		}
		finally {
			connectionFactory.destroy();
		}
	}

	@Test
	void withRedisDownTheInstanceRunsTheSlotItselfWithoutWaitingLong(@Dedicated RedisServer redis) {
		LettuceConnectionFactory connectionFactory = RedisConnections.open(redis, Duration.ofSeconds(30));
		try {
			WarmingLock lock = new RedisWarmingLock(connectionFactory, "lock-down", "only", Duration.ofMillis(300));
			redis.pause();
			try {
				long start = System.nanoTime();
				assertThat(lock.tryAcquire("top", 60_000, Duration.ofMinutes(1))).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			}
			finally {
				redis.resume();
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
