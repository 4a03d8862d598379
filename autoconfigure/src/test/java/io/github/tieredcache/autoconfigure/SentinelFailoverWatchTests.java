package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.RedisSentinelGroup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SentinelFailoverWatch} and how {@link RedisRecovery} uses it, on a
 * real Sentinel group: a failover away from a frozen master, which leaves the connections
 * made to it open and silent, moves the factory's shared connection to the new master
 * without waiting for the old one to come back.
 */
@Tag("fault")
class SentinelFailoverWatchTests {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Test
	void aFactoryWithoutSentinelIsNotWatched() {
		LettuceConnectionFactory standalone = new LettuceConnectionFactory(new RedisStandaloneConfiguration(),
				LettuceClientConfiguration.defaultConfiguration());
		standalone.afterPropertiesSet();
		try {
			assertThat(SentinelFailoverWatch.start(standalone, INTERVAL, () -> {
			})).isNull();
		}
		finally {
			standalone.destroy();
		}
	}

	@Test
	void reportsEachNewMasterOnceAndNotTheFirstOne() {
		try (RedisSentinelGroup group = RedisSentinelGroup.start(2)) {
			LettuceConnectionFactory factory = sentinelFactory(group);
			AtomicInteger failovers = new AtomicInteger();
			SentinelFailoverWatch watch = SentinelFailoverWatch.start(factory, INTERVAL, failovers::incrementAndGet);
			assertThat(watch).isNotNull();
			try {
				await().during(INTERVAL.multipliedBy(5)).atMost(PATIENCE).until(() -> failovers.get() == 0);

				group.awaitNewMaster(group.killMaster());

				await().atMost(PATIENCE).until(() -> failovers.get() == 1);
				await().during(INTERVAL.multipliedBy(5)).atMost(PATIENCE).until(() -> failovers.get() == 1);
			}
			finally {
				watch.close();
				factory.destroy();
			}
		}
	}

	@Test
	void sharedConnectionMovesToTheNewMasterWhileTheOldOneStaysFrozen() {
		try (RedisSentinelGroup group = RedisSentinelGroup.start(1)) {
			LettuceConnectionFactory factory = sentinelFactory(group);
			RemoteTierGuard guard = RemoteTierGuard.builder().build();
			RedisRecovery recovery = new RedisRecovery(factory, guard, INTERVAL);
			recovery.start();
			try {
				String key = "sentinel-watch-" + UUID.randomUUID();
				write(factory, key);
				String frozen = group.pauseMaster();
				String elected = group.awaitNewMaster(frozen);

				// The shared connection to the frozen master is still open: only the
				// watch moves it
				await().atMost(PATIENCE)
					.ignoreExceptions()
					.untilAsserted(() -> assertThat(write(factory, key)).isTrue());
				assertThat(group.command(elected, "EXISTS", key)).isEqualTo("1");
			}
			finally {
				recovery.stop();
				guard.close();
				factory.destroy();
			}
		}
	}

	private static Boolean write(LettuceConnectionFactory factory, String key) {
		try (RedisConnection connection = factory.getConnection()) {
			return connection.stringCommands().set(key.getBytes(), "written".getBytes());
		}
	}

	private static LettuceConnectionFactory sentinelFactory(RedisSentinelGroup group) {
		RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration(group.masterName(),
				Set.copyOf(group.sentinels()));
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofSeconds(1))
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(sentinel, client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
