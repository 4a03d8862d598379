package io.github.tieredcache.actuate.health;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.RemoteTierStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The {@code redis} health indicator of an application whose caches use Redis, in place
 * of Spring Boot's: it reports whether Redis answers a {@code PING} within the probe's
 * bound (never Lettuce's own command timeout, a minute by default), and an unreachable
 * Redis as {@link #DEGRADED} rather than {@code DOWN}, because the caches keep answering
 * from L1 and the cached methods. {@code DEGRADED} is not in Spring Boot's default status
 * order, so it does not change the aggregate status: a Redis outage does not take the
 * application's health, or an instance out of a load balancer. An application that wants
 * it to can list it in {@code management.endpoint.health.status.order} (and map it in
 * {@code status.http-mapping}), or make it {@code DOWN} with {@code failOnRedisDown}.
 *
 * <p>
 * Details: {@code reachable}, {@code latencyMillis} (or {@code waitedMillis}) and the
 * {@code error}, never connection details. Thread-safe.
 */
public class RedisHealthIndicator implements HealthIndicator {

	/**
	 * Redis does not answer; the application works on without it, more slowly.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Redis does not answer: caches answer from L1 and their methods");

	private final RemoteTierProbe probe;

	private final boolean failOnRedisDown;

	/**
	 * Creates the indicator.
	 * @param probe sends the {@code PING}, bounded
	 * @param failOnRedisDown whether an unreachable Redis is {@code DOWN} rather than
	 * {@link #DEGRADED}
	 */
	public RedisHealthIndicator(RemoteTierProbe probe, boolean failOnRedisDown) {
		Assert.notNull(probe, "probe must not be null");
		this.probe = probe;
		this.failOnRedisDown = failOnRedisDown;
	}

	@Override
	public Health health() {
		RemoteTierStatus ping = this.probe.ping();
		double millis = ping.latency().toNanos() / 1e6;
		if (ping.reachable()) {
			return Health.up().withDetail("reachable", true).withDetail("latencyMillis", millis).build();
		}
		Health.Builder health = Health.status(this.failOnRedisDown ? Status.DOWN : DEGRADED)
			.withDetail("reachable", false)
			.withDetail("waitedMillis", millis);
		String error = ping.error();
		return ((error != null) ? health.withDetail("error", error) : health).build();
	}

}
