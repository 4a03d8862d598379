package io.github.tieredcache.metrics;

import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RemoteTierGuardMeterBinder}.
 */
class RemoteTierGuardMeterBinderTests {

	@Test
	void circuitStateFollowsTheBreaker() {
		try (RemoteTierGuard guard = RemoteTierGuard.builder().build()) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new RemoteTierGuardMeterBinder(guard).bindTo(registry);
			assertThat(registry.get("tiered.cache.circuit.state").gauge().value()).isZero();
			guard.circuitBreaker().transitionToOpenState();
			assertThat(registry.get("tiered.cache.circuit.state").gauge().value()).isEqualTo(2);
			assertThat(registry.get("tiered.cache.circuit.pending.invalidations").gauge().value()).isZero();
			assertThat(registry.get("tiered.cache.circuit.short.circuited").functionCounter().count()).isZero();
		}
	}

}
