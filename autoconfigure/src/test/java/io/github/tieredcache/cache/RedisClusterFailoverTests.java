package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.UUID;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.RedisCluster;
import io.github.tieredcache.testing.CallerLoad;
import io.github.tieredcache.testing.RedisConnections;
import io.github.tieredcache.testing.VersionedSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A master of a real Redis Cluster (three masters, one replica each) is killed under
 * load: callers see no exception, and caches write to its slots again once its replica
 * has taken over and Lettuce has refreshed the topology.
 */
@Tag("fault")
class RedisClusterFailoverTests {

	@Test
	void killingAMasterReachesNoCallerAndCachesUseItsPromotedReplica() throws Exception {
		try (RedisCluster cluster = RedisCluster.start(3, 1)) {
			LettuceConnectionFactory connectionFactory = RedisClusterTests.clusterConnectionFactory(cluster);
			connectionFactory.getConnection().close();
			String prefix = "failover-" + UUID.randomUUID();
			RemoteTierGuard guard = RemoteTierGuard.builder().waitDurationInOpenState(Duration.ofMillis(500)).build();
			try {
				TieredCache cache = TieredCacheManager.builder()
					.remoteTiers(guard.guard(RedisConnections.tiers(connectionFactory, prefix).build()))
					.build()
					.getCache("products");
				VersionedSource source = new VersionedSource(20_000);
				CallerLoad load = CallerLoad.start(cache, source, 4);
				long killed;
				try {
					load.awaitCalls(1_000);
					cluster.kill(cluster.masters().get(0));
					killed = System.nanoTime();
					await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
						TieredCache reader = TieredCacheManager.builder()
							.remoteTiers(RedisConnections.tiers(connectionFactory, prefix).build())
							.build()
							.getCache("products");
						for (int i = 0; i < 30; i++) {
							cache.put("probe-" + i, "x");
							assertThat(reader.get("probe-" + i)).as("probe-%d read back from Redis", i).isNotNull();
						}
					});
					System.out.printf("[cluster failover] caches wrote to every slot again %d ms after the kill%n",
							Duration.ofNanos(System.nanoTime() - killed).toMillis());
				}
				finally {
					load.close();
				}
				System.out.printf("[cluster failover] %d calls, %d errors to callers, slowest %d ms, %s%n",
						load.calls(), load.errors().size(), load.slowestCall().toMillis(), guard.status());
				assertThat(load.errors()).isEmpty();
				assertThat(cluster.masters()).hasSize(3);
			}
			finally {
				guard.close();
				connectionFactory.destroy();
			}
		}
	}

}
