package io.github.tieredcache.test.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisSentinelGroup}: real processes, real failovers.
 */
class RedisSentinelGroupTests {

	/**
	 * One group through its whole life, since starting one takes seconds: sentinels
	 * discover each other only through the master, every two seconds.
	 */
	@Test
	void sentinelsReportTheMasterAndElectAReplicaWhenItIsKilledOrFrozenAndCloseStopsEveryProcess() {
		InstalledRedis.binary();
		RedisSentinelGroup group = RedisSentinelGroup.start(2);
		List<String> all = new ArrayList<>(group.servers());
		all.addAll(group.sentinels());
		try (group) {
			String first = group.master();
			assertThat(group.sentinels()).hasSize(3).allMatch((sentinel) -> sentinel.startsWith("127.0.0.1:"));
			assertThat(group.servers()).hasSize(3).contains(first);
			assertThat(group.command(first, "ROLE")).startsWith("[master");
			for (String server : group.servers()) {
				if (!server.equals(first)) {
					assertThat(group.command(server, "ROLE")).startsWith("[slave, 127.0.0.1, " + port(first));
				}
			}
			for (String sentinel : group.sentinels()) {
				assertThat(group.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName()))
					.isEqualTo("[127.0.0.1, " + port(first) + "]");
			}

			String killed = group.killMaster();
			String second = group.awaitNewMaster(killed);
			assertThat(killed).isEqualTo(first);
			assertThat(second).isNotEqualTo(killed);
			assertThat(group.command(second, "SET", "written-to", "second")).isEqualTo("OK");

			String frozen = group.pauseMaster();
			String third = group.awaitNewMaster(frozen);
			assertThat(frozen).isEqualTo(second);
			assertThat(third).isNotIn(killed, frozen);
			group.resume();
			assertThat(group.command(frozen, "PING")).isEqualTo("PONG");
		}
		for (String address : all) {
			assertThat(RedisEndpoint.of("127.0.0.1", port(address)).answersPing(Duration.ofMillis(500))).as(address)
				.isFalse();
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
