package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSentinelGroup}: real processes, real failovers.
 */
class RedisSentinelGroupTests {

	@Test
	void sentinelsReportTheMasterWhoseReplicaFollowsItAndCloseStopsEveryProcess() {
		InstalledRedis.binary();
		RedisSentinelGroup group = RedisSentinelGroup.start(1);
		List<String> all = new ArrayList<>(group.servers());
		all.addAll(group.sentinels());
		try (group) {
			String master = group.master();
			assertThat(group.sentinels()).hasSize(3).allMatch((sentinel) -> sentinel.startsWith("127.0.0.1:"));
			assertThat(group.servers()).hasSize(2).contains(master);
			assertThat(group.command(master, "ROLE")).startsWith("[master");
			String replica = all.get(0).equals(master) ? all.get(1) : all.get(0);
			assertThat(group.command(replica, "ROLE")).startsWith("[slave, 127.0.0.1, " + port(master));
			for (String sentinel : group.sentinels()) {
				assertThat(group.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName()))
					.isEqualTo("[127.0.0.1, " + port(master) + "]");
			}
		}
		for (String address : all) {
			assertThat(RedisEndpoint.of("127.0.0.1", port(address)).answersPing(Duration.ofMillis(500))).as(address)
				.isFalse();
		}
	}

	@Test
	void aKilledMasterAndThenAFrozenOneAreEachReplacedByAReplica() {
		InstalledRedis.binary();
		try (RedisSentinelGroup group = RedisSentinelGroup.start(2)) {
			String killed = group.killMaster();
			String second = group.awaitNewMaster(killed);
			assertThat(second).isNotEqualTo(killed);
			assertThat(group.command(second, "SET", "written-to", "second")).isEqualTo("OK");

			String frozen = group.pauseMaster();
			String third = group.awaitNewMaster(frozen);
			assertThat(third).isNotIn(killed, frozen);
			group.resume();

			// Once it answers again the frozen master is turned into a replica of the new
			// one
			await().atMost(RedisSentinelGroup.FAILOVER_PATIENCE)
				.untilAsserted(() -> assertThat(group.command(frozen, "ROLE"))
					.startsWith("[slave, 127.0.0.1, " + port(third)));
		}
	}

	@Test
	void aGroupWithoutReplicasIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RedisSentinelGroup.start(0))
			.withMessageContaining("at least 1 replica");
	}

	private static int port(String address) {
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

}
