package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.test.redis.TcpProxy;

/**
 * One {@code redis-server} started for the soak (through the test harness, so a
 * controllable process or container), and a {@link TcpProxy} in front of it through which
 * instance 0 connects, for the network faults.
 * <p>
 * Thread-safe.
 */
final class StandaloneRedis implements SoakRedis {

	/** The instance that reaches Redis through the proxy. */
	static final int PROXIED = 0;

	private final RedisServer server;

	private final TcpProxy proxy;

	private StandaloneRedis(RedisServer server, TcpProxy proxy) {
		this.server = server;
		this.proxy = proxy;
	}

	static StandaloneRedis start() {
		RedisServer server = RedisServers.startDedicated();
		try {
			return new StandaloneRedis(server, TcpProxy.start(server.host(), server.port()));
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	@Override
	public List<String> applicationArguments(int instance) {
		boolean proxied = instance == PROXIED;
		return List.of("--spring.data.redis.host=" + (proxied ? this.proxy.host() : this.server.host()),
				"--spring.data.redis.port=" + (proxied ? this.proxy.port() : this.server.port()));
	}

	@Override
	public List<Fault> faults(int instances) {
		Set<Integer> all = IntStream.range(0, instances).boxed().collect(Collectors.toSet());
		return List.of(Fault.of(FaultKind.REDIS_KILL, (random) -> {
			this.server.kill();
			Duration down = SoakRedis.between(random, Duration.ofSeconds(1), Duration.ofSeconds(8));
			return new Fault.Injection("killed, down for " + SoakClock.format(down) + ", restarted empty", all, down,
					true, () -> {
						this.server.restart();
						return null;
					});
		}), Fault.of(FaultKind.REDIS_PAUSE, (random) -> {
			this.server.pause();
			Duration frozen = SoakRedis.between(random, Duration.ofSeconds(1), Duration.ofSeconds(5));
			return new Fault.Injection("frozen for " + SoakClock.format(frozen), all, frozen, false, () -> {
				this.server.resume();
				return null;
			});
		}), Fault.of(FaultKind.PUBSUB_KILL, (random) -> {
			String killed = this.server.command("CLIENT", "KILL", "TYPE", "pubsub");
			return new Fault.Injection(killed + " subscriber connections killed", all, Duration.ZERO, false,
					() -> null);
		}), Fault.of(FaultKind.MAXMEMORY, (random) -> {
			long limit = SoakRedis.limitBelowUsage(String.valueOf(this.server.command("INFO", "memory")));
			String policy = SoakRedis.EVICTION_POLICIES.get(random.nextInt(SoakRedis.EVICTION_POLICIES.size()));
			Duration hold = SoakRedis.between(random, Duration.ofSeconds(5), Duration.ofSeconds(15));
			this.server.command("CONFIG", "SET", "maxmemory-policy", policy);
			this.server.command("CONFIG", "SET", "maxmemory", Long.toString(limit));
			return new Fault.Injection(
					"maxmemory " + SoakRedis.bytes(limit) + ", " + policy + ", for " + SoakClock.format(hold), all,
					hold, policy.startsWith("allkeys"), () -> {
						this.server.command("CONFIG", "SET", "maxmemory", "0");
						this.server.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
						return null;
					});
		}), Fault.of(FaultKind.PROXY_LATENCY, (random) -> {
			Duration latency = SoakRedis.between(random, Duration.ofMillis(100), Duration.ofMillis(1500));
			Duration hold = SoakRedis.between(random, Duration.ofSeconds(5), Duration.ofSeconds(15));
			this.proxy.latency(latency);
			return new Fault.Injection(
					"instance " + PROXIED + ": +" + latency.toMillis() + " ms each way for " + SoakClock.format(hold),
					Set.of(PROXIED), hold, false, () -> {
						this.proxy.heal();
						return null;
					});
		}), Fault.of(FaultKind.PROXY_CUT, (random) -> {
			Duration hold = SoakRedis.between(random, Duration.ofSeconds(1), Duration.ofSeconds(8));
			int connections = this.proxy.connections();
			this.proxy.cut();
			return new Fault.Injection("instance " + PROXIED + ": " + connections
					+ " connections dropped, new ones refused for " + SoakClock.format(hold), Set.of(PROXIED), hold,
					false, () -> {
						this.proxy.heal();
						return null;
					});
		}));
	}

	@Override
	public long queuedWrites() {
		return Long.parseLong(String.valueOf(this.server.command("HLEN", WRITE_BEHIND_STREAM + ":pending")));
	}

	@Override
	public String deadLetters() {
		return String.valueOf(this.server.command("XRANGE", WRITE_BEHIND_STREAM + ":dead", "-", "+"));
	}

	@Override
	public String describe() {
		return "standalone " + this.server + "; instance " + PROXIED + " through " + this.proxy;
	}

	@Override
	public void close() {
		this.proxy.close();
		this.server.close();
	}

}
