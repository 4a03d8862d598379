package io.github.tieredcache.actuate.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.actuate.RemoteTierStatus;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.L2Status;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.sync.InvalidationBus;
import io.github.tieredcache.sync.InvalidationBusStats;
import io.github.tieredcache.sync.SubscriptionState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the tiered caches, with one detail per part: {@code l1} (how many caches keep
 * entries in process) and {@code l2} (how many caches use Redis, whether it answers a
 * {@code PING} within a short bound, and how fast).
 *
 * <p>
 * An unreachable Redis shows as {@code l2.status: DOWN} while the contributor stays
 * {@code UP}: the caches keep answering from L1 and the cached methods, so a Redis outage
 * should not take every instance out of a load balancer. With {@code failOnRedisDown} the
 * contributor is {@code DOWN} too. Details never include connection details. Thread-safe.
 */
public class TieredCacheHealthIndicator implements HealthIndicator {

	private final Supplier<Collection<TieredCacheManager>> cacheManagers;

	private final @Nullable RemoteTierProbe remoteTierProbe;

	private final boolean failOnRedisDown;

	private final @Nullable InvalidationBus bus;

	private final @Nullable RemoteTierGuard guard;

	/**
	 * Creates the indicator.
	 * @param cacheManagers the tiered cache managers
	 * @param remoteTierProbe the shared tier's probe, or {@code null} when the caches
	 * have no shared tier
	 * @param failOnRedisDown whether an unreachable Redis makes the contributor DOWN
	 * @param bus the cross-instance invalidation bus, or {@code null} when there is none
	 * @param guard the circuit breaker in front of Redis, or {@code null} when there is
	 * none
	 */
	public TieredCacheHealthIndicator(Supplier<Collection<TieredCacheManager>> cacheManagers,
			@Nullable RemoteTierProbe remoteTierProbe, boolean failOnRedisDown, @Nullable InvalidationBus bus,
			@Nullable RemoteTierGuard guard) {
		this.cacheManagers = cacheManagers;
		this.remoteTierProbe = remoteTierProbe;
		this.failOnRedisDown = failOnRedisDown;
		this.bus = bus;
		this.guard = guard;
	}

	@Override
	public Health health() {
		Collection<TieredCache> caches = this.cacheManagers.get()
			.stream()
			.flatMap((manager) -> manager.getCaches().stream())
			.toList();
		Part l1 = l1(caches);
		Part l2 = l2(caches);
		Part sync = sync();
		boolean down = this.failOnRedisDown && Status.DOWN.equals(l2.status());
		return Health.status(down ? Status.DOWN : Status.UP)
			.withDetail("l1", l1.details())
			.withDetail("l2", l2.details())
			.withDetail("sync", sync.details())
			.build();
	}

	private Part sync() {
		Map<String, Object> details = new LinkedHashMap<>();
		InvalidationBus invalidationBus = this.bus;
		if (invalidationBus == null) {
			details.put("status", Status.UNKNOWN.getCode());
			details.put("enabled", false);
			return new Part(Status.UNKNOWN, details);
		}
		InvalidationBusStats stats = invalidationBus.stats();
		Status status = (stats.subscriptionState() == SubscriptionState.SUBSCRIBED) ? Status.UP : Status.DOWN;
		details.put("status", status.getCode());
		details.put("subscription", stats.subscriptionState().name().toLowerCase(Locale.ROOT));
		details.put("peers", stats.livePeers());
		details.put("lossesDetected", stats.lossesDetected());
		details.put("lastLagMillis", stats.lastLagMillis());
		details.put("queued", stats.queueSize());
		return new Part(status, details);
	}

	private Part l1(Collection<TieredCache> caches) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", Status.UP.getCode());
		details.put("caches", caches.stream().filter((cache) -> cache.localTier() != null).count());
		return new Part(Status.UP, details);
	}

	private Part l2(Collection<TieredCache> caches) {
		Map<String, Object> details = new LinkedHashMap<>();
		RemoteTierProbe probe = this.remoteTierProbe;
		if (probe == null) {
			details.put("status", Status.UNKNOWN.getCode());
			details.put("configured", false);
			return new Part(Status.UNKNOWN, details);
		}
		RemoteTierStatus ping = probe.ping();
		Status status = ping.reachable() ? Status.UP : Status.DOWN;
		details.put("status", status.getCode());
		details.put("caches", caches.stream().filter((cache) -> cache.remoteTier() != null).count());
		details.put(ping.reachable() ? "latencyMillis" : "waitedMillis", ping.latency().toNanos() / 1e6);
		if (ping.error() != null) {
			details.put("error", ping.error());
		}
		RemoteTierGuard circuit = this.guard;
		if (circuit != null) {
			L2Status l2 = circuit.status();
			details.put("circuit", l2.state().name());
			details.put("pendingInvalidations", l2.pendingInvalidations());
		}
		return new Part(status, details);
	}

	private record Part(Status status, Map<String, Object> details) {
	}

}
