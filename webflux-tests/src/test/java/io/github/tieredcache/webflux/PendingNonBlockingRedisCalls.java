package io.github.tieredcache.webflux;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The Redis calls of a reactive {@code @Cached} miss that still wait for Redis on the
 * subscribing thread (an event loop) or on the thread the method's publisher completes on
 * (here Reactor's parallel scheduler). Each entry names the one method of
 * {@code io.github.tieredcache.cache} that wraps a single Redis round trip, so nothing
 * else under it is let through:
 * <ul>
 * <li>{@code FailSafeRemote#get}: the L2 read of {@code TieredCache.retrieve} (through
 * {@code read}, {@code lookup}, {@code getFromRemote}) and the second look of
 * {@code FillCoordinator.loadAsync} (through {@code TieredCache.peek});</li>
 * <li>{@code FailSafeRemote#lease}: the fill lease {@code FillCoordinator.loadAsync}
 * takes before loading;</li>
 * <li>{@code FailSafeRemote#fill}: the fill script
 * {@code FillCoordinator.fillIfCacheable} runs once the publisher emitted;</li>
 * <li>{@code FailSafeRemote#release}: the lease given back when the publisher
 * failed.</li>
 * </ul>
 * PENDING the non-blocking L2 path of {@code TieredCache.retrieve}: remove this class
 * (and its line in {@code META-INF/services}) once it has landed, so that BlockHound
 * fails these tests again on any of these calls.
 */
public final class PendingNonBlockingRedisCalls implements BlockHoundIntegration {

	private static final String FAIL_SAFE_REMOTE = "io.github.tieredcache.cache.FailSafeRemote";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside(FAIL_SAFE_REMOTE, "get")
			.allowBlockingCallsInside(FAIL_SAFE_REMOTE, "lease")
			.allowBlockingCallsInside(FAIL_SAFE_REMOTE, "fill")
			.allowBlockingCallsInside(FAIL_SAFE_REMOTE, "release");
	}

}
