package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.tieredcache.test.redis.RedisCluster;

/**
 * A Redis Cluster of three masters, each with one replica, started for the soak through
 * the test harness (node timeout 2 s). The instances follow failovers with Lettuce's
 * adaptive topology refresh, as docs/operations.md recommends.
 * <p>
 * Thread-safe.
 */
final class ClusterRedis implements SoakRedis {

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

	private final RedisCluster cluster;

	private ClusterRedis(RedisCluster cluster) {
		this.cluster = cluster;
	}

	static ClusterRedis start() {
		return new ClusterRedis(RedisCluster.start(3, 1));
	}

	@Override
	public List<String> applicationArguments(int instance) {
		return List.of("--spring.data.redis.cluster.nodes=" + String.join(",", this.cluster.nodes()),
				"--spring.data.redis.lettuce.cluster.refresh.adaptive=true",
				"--spring.data.redis.lettuce.cluster.refresh.period=30s");
	}

	@Override
	public List<Fault> faults(int instances) {
		Set<Integer> all = IntStream.range(0, instances).boxed().collect(Collectors.toSet());
		return List.of(Fault.of(FaultKind.CLUSTER_MASTER_KILL, (random) -> {
			List<Integer> masters = this.cluster.masters();
			int node = masters.get(random.nextInt(masters.size()));
			long start = System.nanoTime();
			this.cluster.kill(node);
			return new Fault.Injection("master " + this.cluster.nodes().get(node) + " killed", all, Duration.ZERO, true,
					() -> {
						awaitFailover(node);
						Duration failover = Duration.ofNanos(System.nanoTime() - start);
						this.cluster.restart(node);
						return "a replica took over after " + SoakClock.format(failover) + "; the killed node "
								+ "restarted as a replica";
					});
		}), Fault.of(FaultKind.REDIS_PAUSE, (random) -> {
			List<Integer> masters = this.cluster.masters();
			int node = masters.get(random.nextInt(masters.size()));
			Duration frozen = SoakRedis.between(random, Duration.ofSeconds(1), Duration.ofSeconds(5));
			this.cluster.pause(node);
			return new Fault.Injection("master " + this.cluster.nodes().get(node) + " frozen for "
					+ SoakClock.format(frozen) + " (node timeout 2 s)", all, frozen, false, () -> {
						this.cluster.resume(node);
						awaitClusterOk();
						return null;
					});
		}), Fault.of(FaultKind.PUBSUB_KILL, (random) -> {
			long killed = 0;
			for (int node = 0; node < this.cluster.nodes().size(); node++) {
				killed += Long
					.parseLong(String.valueOf(this.cluster.command(node, "CLIENT", "KILL", "TYPE", "pubsub")));
			}
			return new Fault.Injection(killed + " subscriber connections killed on all nodes", all, Duration.ZERO,
					false, () -> null);
		}), Fault.of(FaultKind.MAXMEMORY, (random) -> {
			String policy = SoakRedis.EVICTION_POLICIES.get(random.nextInt(SoakRedis.EVICTION_POLICIES.size()));
			Duration hold = SoakRedis.between(random, Duration.ofSeconds(5), Duration.ofSeconds(15));
			List<Integer> masters = this.cluster.masters();
			List<String> limits = new ArrayList<>();
			for (int node : masters) {
				long limit = SoakRedis.limitBelowUsage(String.valueOf(this.cluster.command(node, "INFO", "memory")));
				this.cluster.command(node, "CONFIG", "SET", "maxmemory-policy", policy);
				this.cluster.command(node, "CONFIG", "SET", "maxmemory", Long.toString(limit));
				limits.add(SoakRedis.bytes(limit));
			}
			return new Fault.Injection(
					"maxmemory " + limits + " on the masters, " + policy + ", for " + SoakClock.format(hold), all, hold,
					policy.startsWith("allkeys"), () -> {
						for (int node : masters) {
							this.cluster.command(node, "CONFIG", "SET", "maxmemory", "0");
							this.cluster.command(node, "CONFIG", "SET", "maxmemory-policy", "noeviction");
						}
						return null;
					});
		}));
	}

	/**
	 * Waits until three masters are up again, then until the cluster serves every slot.
	 */
	private void awaitFailover(int killed) throws InterruptedException {
		long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
		while (this.cluster.masters().size() < 3) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No replica took over from the killed master "
						+ this.cluster.nodes().get(killed) + " within " + FAILOVER_TIMEOUT.toSeconds() + " s");
			}
			Thread.sleep(100);
		}
		awaitClusterOk();
	}

	private void awaitClusterOk() throws InterruptedException {
		long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
		while (true) {
			boolean ok = true;
			for (int node = 0; node < this.cluster.nodes().size(); node++) {
				if (this.cluster.isRunning(node)) {
					ok &= String.valueOf(this.cluster.command(node, "CLUSTER", "INFO")).contains("cluster_state:ok");
				}
			}
			if (ok) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"The cluster did not serve every slot again within " + FAILOVER_TIMEOUT.toSeconds() + " s");
			}
			Thread.sleep(100);
		}
	}

	@Override
	public long queuedWrites() {
		long queued = 0;
		for (int node : this.cluster.masters()) {
			try {
				queued += Long
					.parseLong(String.valueOf(this.cluster.command(node, "HLEN", WRITE_BEHIND_STREAM + ":pending")));
			}
			catch (IllegalStateException ex) {
				// MOVED: the key lives on another master
			}
		}
		return queued;
	}

	@Override
	public String deadLetters() {
		StringBuilder letters = new StringBuilder();
		for (int node : this.cluster.masters()) {
			try {
				letters.append(this.cluster.command(node, "XRANGE", WRITE_BEHIND_STREAM + ":dead", "-", "+"));
			}
			catch (IllegalStateException ex) {
				// MOVED: the key lives on another master
			}
		}
		return letters.toString();
	}

	@Override
	public String describe() {
		return "Redis Cluster of 3 masters with a replica each, " + this.cluster.nodes();
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
