package io.github.tieredcache.actuate.endpoint;

import java.util.List;
import java.util.Map;

import io.github.tieredcache.actuate.RemoteTierStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Every tiered cache, by cache manager, and the state of the shared tier, as the
 * {@code tieredcache} endpoint shows them.
 *
 * @param cacheManagers the caches of each tiered cache manager bean, by bean name
 * @param l2 the state of the shared tier
 * @param warmers the cache warmers, highest priority first
 */
public record TieredCachesDescriptor(Map<String, CacheManager> cacheManagers, L2State l2,
		List<WarmerDescriptor> warmers) implements OperationResponseBody {

	/**
	 * The caches of one cache manager.
	 *
	 * @param caches the caches, by name
	 */
	public record CacheManager(Map<String, CacheDescriptor> caches) {
	}

	/**
	 * The state of the shared tier. Shows no connection details.
	 *
	 * @param configured whether the caches have a shared tier at all
	 * @param reachable whether it answered a round trip within the bound, or {@code null}
	 * when not configured
	 * @param latencyMillis how long the round trip took (or how long the endpoint waited)
	 * @param error why it is unreachable, without connection details
	 * @param usedMemory bytes of memory Redis uses ({@code used_memory})
	 * @param evictedKeys keys Redis evicted for lack of memory ({@code evicted_keys})
	 */
	public record L2State(boolean configured, @Nullable Boolean reachable, @Nullable Double latencyMillis,
			@Nullable String error, @Nullable Long usedMemory, @Nullable Long evictedKeys) {

		static L2State notConfigured() {
			return new L2State(false, null, null, null, null, null);
		}

		static L2State of(RemoteTierStatus status) {
			return new L2State(true, status.reachable(), status.latency().toNanos() / 1e6, status.error(),
					status.usedMemory(), status.evictedKeys());
		}

	}

}
