package io.github.tieredcache.benchmarks.soak;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * A fault the soak can inject into Redis, the network or an application instance.
 */
interface Fault {

	/**
	 * Returns which fault this is.
	 * @return the kind
	 */
	FaultKind kind();

	/**
	 * Does the damage and says how to undo it. Random choices (which instance, how long,
	 * which policy) are drawn from the given source only, so that a seed replays a run.
	 * @param random the source of random choices
	 * @return the fault in place
	 * @throws Exception if it could not be injected
	 */
	Injection inject(SplittableRandom random) throws Exception;

	/**
	 * Returns a fault of the given kind that the given function injects.
	 * @param kind the kind
	 * @param injector what injects it
	 * @return the fault
	 */
	static Fault of(FaultKind kind, Injector injector) {
		return new Fault() {

			@Override
			public FaultKind kind() {
				return kind;
			}

			@Override
			public Injection inject(SplittableRandom random) throws Exception {
				return injector.inject(random);
			}

		};
	}

	/**
	 * Injects a fault, as {@link Fault#inject(SplittableRandom)}.
	 */
	@FunctionalInterface
	interface Injector {

		/**
		 * Does the damage and says how to undo it.
		 * @param random the source of random choices
		 * @return the fault in place
		 * @throws Exception if it could not be injected
		 */
		Injection inject(SplittableRandom random) throws Exception;

	}

	/**
	 * A fault in place.
	 *
	 * @param detail what was done, in words (which node, which latency, which policy)
	 * @param affected the instances whose use of Redis it disturbs, and whose L2 hits
	 * must resume for it to count as recovered
	 * @param hold how long to leave it in place before healing; zero for a fault that is
	 * over once injected
	 * @param losesRedisData whether Redis may lose data through it (a restart without
	 * persistence, a failover, evictions of any key)
	 * @param healing what ends it
	 */
	record Injection(String detail, Set<Integer> affected, Duration hold, boolean losesRedisData, Healing healing) {

	}

	/**
	 * Ends a fault.
	 */
	@FunctionalInterface
	interface Healing {

		/**
		 * Ends the fault; returns once it is over (a restarted server answers, a
		 * restarted instance is ready).
		 * @return what happened meanwhile worth reporting (how long a failover took), or
		 * {@code null}
		 * @throws Exception if it could not be ended
		 */
		@Nullable String heal() throws Exception;

	}

}
