package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisCluster}: a failover, and a killed master coming back.
 */
class RedisClusterTests {

	@Test
	void aKilledMasterRestartsAsAReplicaOfTheNodeThatTookOver() {
		try (RedisCluster cluster = RedisCluster.start(3, 1)) {
			List<Integer> masters = cluster.masters();
			assertThat(masters).hasSize(3);
			int killed = masters.get(0);
			cluster.kill(killed);
			assertThat(cluster.isRunning(killed)).isFalse();
			// its replica takes over once the others count it as failed (node timeout 2
			// s)
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cluster.masters().size() == 3);
			assertThat(cluster.masters()).doesNotContain(killed);
			cluster.restart(killed);
			assertThat(cluster.isRunning(killed)).isTrue();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> String.valueOf(cluster.command(killed, "ROLE")).startsWith("[slave"));
			assertThat(cluster.masters()).hasSize(3).doesNotContain(killed);
		}
	}

}
