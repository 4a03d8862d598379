package io.github.tieredcache.benchmarks.soak;

import java.util.List;
import java.util.Locale;

/**
 * How the soak's Redis is deployed.
 */
public enum Topology {

	/** One {@code redis-server}; one instance reaches it through a TCP proxy. */
	STANDALONE(List.of(FaultKind.REDIS_KILL, FaultKind.REDIS_PAUSE, FaultKind.PUBSUB_KILL, FaultKind.APP_RESTART,
			FaultKind.MAXMEMORY, FaultKind.PROXY_LATENCY, FaultKind.PROXY_CUT)),

	/** A Redis Cluster of three masters, each with a replica. */
	CLUSTER(List.of(FaultKind.CLUSTER_MASTER_KILL, FaultKind.REDIS_PAUSE, FaultKind.PUBSUB_KILL, FaultKind.APP_RESTART,
			FaultKind.MAXMEMORY)),

	/** A master and a replica watched by three Sentinels. */
	SENTINEL(List.of(FaultKind.SENTINEL_FAILOVER, FaultKind.REDIS_PAUSE, FaultKind.PUBSUB_KILL, FaultKind.APP_RESTART,
			FaultKind.MAXMEMORY));

	private final List<FaultKind> faults;

	Topology(List<FaultKind> faults) {
		this.faults = faults;
	}

	/**
	 * Returns the faults the soak can inject in this topology.
	 * @return the faults
	 */
	public List<FaultKind> faults() {
		return this.faults;
	}

	/**
	 * Parses {@code standalone}, {@code cluster} or {@code sentinel}.
	 * @param value the text
	 * @return the topology
	 * @throws IllegalArgumentException naming the choices
	 */
	static Topology parse(String value) {
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"--topology must be standalone, cluster or sentinel but was '" + value + "'");
		}
	}

}
