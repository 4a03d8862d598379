package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.RealRedis;
import io.github.tieredcache.test.redis.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An eviction that could not reach Redis leaves the old value there until it is replayed,
 * and another instance that reads it meanwhile caches it in its L1. Once the replay has
 * removed it from Redis, the other instances must drop their copies too: the bound on
 * staleness is the outage plus the replay, not {@code l1.ttl}.
 */
@RealRedis
class ReplayedInvalidationTests {

	private final String keyPrefix = "replay-" + UUID.randomUUID();

	@Test
	void otherInstancesDropWhatTheyReadFromRedisBeforeAnEvictionWasReplayed(RedisServer redis) {
		try (RemoteTierGuard guard = RemoteTierGuard.builder().build();
				BusInstance a = BusInstance.startGuarded(redis, this.keyPrefix, guard);
				BusInstance b = BusInstance.start(redis, this.keyPrefix)) {
			TieredCache onA = a.cache("products");
			TieredCache onB = b.cache("products");
			onA.put("p1", "v1");
			await().atMost(Duration.ofSeconds(5)).until(() -> "v1".equals(onB.get("p1", String.class)));

			// a cannot reach Redis: its eviction is remembered for the replay, while the
			// bus
			// still tells b, which drops its copy and reads the old value from Redis
			// again
			guard.circuitBreaker().transitionToForcedOpenState();
			onA.evict("p1");
			await().atMost(Duration.ofSeconds(5)).until(() -> !b.holdsLocally("products", "p1"));
			assertThat(onB.get("p1", String.class)).isEqualTo("v1");
			assertThat(b.holdsLocally("products", "p1")).isTrue();

			guard.circuitBreaker().transitionToClosedState();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> redis.command("EXISTS", this.keyPrefix + ":products:p1").equals("0"));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(b.holdsLocally("products", "p1")).isFalse();
				assertThat(onB.get("p1")).isNull();
			});
		}
	}

}
