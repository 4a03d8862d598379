package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.RedisCluster;
import io.github.tieredcache.testing.RedisConnections;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiered cache on a real local Redis Cluster of three masters, through a
 * {@link LettuceConnectionFactory} with a {@link RedisClusterConfiguration}, as Spring
 * Boot builds it from {@code spring.data.redis.cluster.nodes}.
 */
@Tag("fault")
class RedisClusterTests {

	private static RedisCluster cluster;

	private static LettuceConnectionFactory connectionFactory;

	private String prefix;

	private RemoteTierGuard guard;

	private TieredCache cache;

	@BeforeAll
	static void startCluster() {
		cluster = RedisCluster.start(3, 0);
		connectionFactory = clusterConnectionFactory(cluster);
		// Discovering the topology takes longer than a cache call may wait
		connectionFactory.getConnection().close();
	}

	@AfterAll
	static void stopCluster() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@BeforeEach
	void createCache() {
		this.prefix = "cluster-" + UUID.randomUUID();
		this.guard = RemoteTierGuard.builder().build();
		this.cache = TieredCacheManager.builder()
			.remoteTiers(this.guard.guard(RedisConnections.tiers(connectionFactory, this.prefix).build()))
			.build()
			.getCache("products");
	}

	@AfterEach
	void closeGuard() {
		this.guard.close();
	}

	@Test
	void valuesAreWrittenReadAndEvictedAcrossTheCluster() {
		for (int i = 0; i < 100; i++) {
			this.cache.put(i, "value " + i);
		}
		assertThat(keysPerMaster()).allSatisfy((count) -> assertThat(count).isPositive());
		TieredCache reader = anotherInstance();
		for (int i = 0; i < 100; i++) {
			assertThat(reader.get(i, String.class)).isEqualTo("value " + i);
		}
		this.cache.evict(7);
		assertThat(anotherInstance().get(7)).isNull();
		assertThat(this.cache.putIfAbsent(8, "other").get()).isEqualTo("value 8");
		assertThat(this.cache.statistics().snapshot().l2Errors()).isZero();
		assertThat(this.guard.status().failures()).isZero();
	}

	@Test
	void clearRemovesTheCacheKeysFromEveryMaster() {
		for (int i = 0; i < 300; i++) {
			this.cache.put(i, "value " + i);
		}
		List<Long> before = keysPerMaster();
		assertThat(before).hasSize(3).allSatisfy((count) -> assertThat(count).isPositive());
		this.cache.clear();
		assertThat(keysPerMaster()).containsExactly(0L, 0L, 0L);
		assertThat(anotherInstance().get(1)).isNull();
	}

	@Test
	void patternEvictionScansEveryMaster() {
		for (int i = 0; i < 100; i++) {
			this.cache.put("a:" + i, "x");
			this.cache.put("b:" + i, "x");
		}
		assertThat(this.cache.evictMatching("a:*")).isEqualTo(100);
		assertThat(keysPerMaster().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
	}

	@Test
	void fillLeaseKeepsAStaleLoadOutOfTheCluster() {
		RemoteTier tier = this.cache.failSafeRemote().tier();
		String key = this.cache.encodeKey(42);
		String lease = tier.lease(key, Duration.ofSeconds(30));
		assertThat(lease).isNotNull();
		assertThat(tier.lease(key, Duration.ofSeconds(30))).as("a second loader's lease").isNull();
		tier.evict(key);
		assertThat(tier.fill(key, "stale", Duration.ofMinutes(1), lease)).isFalse();
		assertThat(anotherInstance().get(42)).isNull();

		assertThat(this.cache.get(43, () -> "loaded")).isEqualTo("loaded");
		assertThat(anotherInstance().get(43, String.class)).isEqualTo("loaded");
	}

	private List<Long> keysPerMaster() {
		return cluster.masters()
			.stream()
			.map((node) -> cluster.command(node, "EVAL", "return #redis.call('KEYS', ARGV[1])", "0",
					this.prefix + ":*"))
			.map(Long::parseLong)
			.toList();
	}

	private TieredCache anotherInstance() {
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, this.prefix).build())
			.build()
			.getCache("products");
	}

	static LettuceConnectionFactory clusterConnectionFactory(RedisCluster cluster) {
		ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(5))
			.clientOptions(ClusterClientOptions.builder().topologyRefreshOptions(refresh).build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(cluster.nodes()),
				client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
