package io.github.tieredcache.benchmarks.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The faults the soak injects.
 */
public enum FaultKind {

	/** Redis killed with SIGKILL and started again after a few seconds, empty. */
	REDIS_KILL("kill -9 and restart of Redis"),

	/** Redis frozen with SIGSTOP for 1–5 s, then SIGCONT. */
	REDIS_PAUSE("SIGSTOP of Redis for 1-5 s"),

	/** {@code CLIENT KILL TYPE pubsub}: every subscription dropped. */
	PUBSUB_KILL("CLIENT KILL TYPE pubsub"),

	/** One application instance stopped (SIGTERM or SIGKILL) and started again. */
	APP_RESTART("restart of one application instance"),

	/**
	 * A {@code maxmemory} below what Redis holds, with an eviction policy, for a while.
	 */
	MAXMEMORY("Redis maxmemory reached"),

	/** Latency added between one instance and Redis by the TCP proxy, for a while. */
	PROXY_LATENCY("latency between one instance and Redis"),

	/**
	 * Every connection between one instance and Redis dropped, and refused for a while.
	 */
	PROXY_CUT("dropped connections between one instance and Redis"),

	/**
	 * A cluster master killed with SIGKILL; its replica takes over; it restarts as a
	 * replica.
	 */
	CLUSTER_MASTER_KILL("kill -9 of a cluster master, restarted later"),

	/**
	 * The Sentinel-monitored master killed with SIGKILL; Sentinel promotes the replica.
	 */
	SENTINEL_FAILOVER("kill -9 of the Sentinel-monitored master, failover");

	private final String description;

	FaultKind(String description) {
		this.description = description;
	}

	/**
	 * Returns what the fault does, in words.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Parses a comma-separated list of fault names, in any case, with {@code -} or
	 * {@code _}.
	 * @param value the list
	 * @return the faults
	 * @throws IllegalArgumentException naming the unknown fault and the choices
	 */
	static List<FaultKind> parseList(String value) {
		List<FaultKind> kinds = new ArrayList<>();
		for (String name : value.split(",")) {
			String normalized = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
			if (normalized.isEmpty()) {
				continue;
			}
			try {
				kinds.add(valueOf(normalized));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Unknown fault '" + name.strip() + "'; choose from "
						+ Arrays.stream(values()).map((kind) -> kind.name().toLowerCase(Locale.ROOT)).toList());
			}
		}
		return kinds;
	}

}
