package io.github.tieredcache.metrics;

import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the circuit breaker in front of Redis ({@link RemoteTierGuard}), read from
 * its status when the registry is scraped: the circuit state (0 closed, 1 recovering, 2
 * open), Redis failures, calls that did not try Redis while the circuit was open, and
 * invalidations waiting for Redis or replayed to it.
 */
public final class RemoteTierGuardMeterBinder implements MeterBinder {

	private final RemoteTierGuard guard;

	/**
	 * Creates a binder for a guard.
	 * @param guard the guard
	 */
	public RemoteTierGuardMeterBinder(RemoteTierGuard guard) {
		this.guard = guard;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("tiered.cache.circuit.state", this.guard, (guard) -> state(guard.status().state()))
			.description("Circuit in front of Redis: 0 closed, 1 recovering (half-open or replaying), 2 open")
			.register(registry);
		FunctionCounter.builder("tiered.cache.circuit.failures", this.guard, (guard) -> guard.status().failures())
			.description("Redis calls that failed or timed out")
			.register(registry);
		FunctionCounter
			.builder("tiered.cache.circuit.short.circuited", this.guard,
					(guard) -> guard.status().shortCircuitedCalls())
			.description("Calls answered without trying Redis while the circuit was open")
			.register(registry);
		Gauge
			.builder("tiered.cache.circuit.pending.invalidations", this.guard,
					(guard) -> guard.status().pendingInvalidations())
			.description("Invalidations that missed Redis and wait to be replayed")
			.register(registry);
		FunctionCounter
			.builder("tiered.cache.circuit.replayed.invalidations", this.guard,
					(guard) -> guard.status().replayedInvalidations())
			.description("Invalidations replayed to Redis after an outage")
			.register(registry);
	}

	private static int state(L2Status.State state) {
		return switch (state) {
			case UP -> 0;
			case RECOVERING -> 1;
			case DOWN -> 2;
		};
	}

}
