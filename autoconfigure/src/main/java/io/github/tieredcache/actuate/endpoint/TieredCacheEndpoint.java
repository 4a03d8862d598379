package io.github.tieredcache.actuate.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.TreeMap;

import io.github.tieredcache.actuate.RemoteTierProbe;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.warming.WarmerState;
import io.github.tieredcache.write.WriteBehindStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code tieredcache} endpoint: statistics of every tiered cache and the state of the
 * shared tier; one cache's statistics; clearing a cache (delete) and evicting one key
 * (write). Read-only by default: clearing and evicting need
 * {@code management.endpoint.tieredcache.access=unrestricted}.
 *
 * <p>
 * Looking a cache up never creates it, even when its manager creates caches on demand. A
 * cache name held by several tiered cache managers needs the {@code cacheManager}
 * parameter. The endpoint never shows cached values or Redis connection details.
 */
@Endpoint(id = "tieredcache", defaultAccess = Access.READ_ONLY)
public class TieredCacheEndpoint {

	private final Map<String, TieredCacheManager> cacheManagers;

	private final @Nullable RemoteTierProbe remoteTierProbe;

	private final Supplier<List<WarmerState>> warmers;

	private final Function<String, @Nullable WriteBehindStats> writeBehind;

	/**
	 * Creates the endpoint.
	 * @param cacheManagers the tiered cache managers, by bean name
	 * @param remoteTierProbe the shared tier's probe, or {@code null} when the caches
	 * have no shared tier
	 */
	public TieredCacheEndpoint(Map<String, TieredCacheManager> cacheManagers,
			@Nullable RemoteTierProbe remoteTierProbe) {
		this(cacheManagers, remoteTierProbe, List::of);
	}

	/**
	 * Creates the endpoint with the application's cache warmers.
	 * @param cacheManagers the tiered cache managers, by bean name
	 * @param remoteTierProbe the shared tier's probe, or {@code null} when the caches
	 * have no shared tier
	 * @param warmers the cache warmers' states, read on every request
	 */
	public TieredCacheEndpoint(Map<String, TieredCacheManager> cacheManagers, @Nullable RemoteTierProbe remoteTierProbe,
			Supplier<List<WarmerState>> warmers) {
		this(cacheManagers, remoteTierProbe, warmers, (cache) -> null);
	}

	/**
	 * Creates the endpoint with the application's cache warmers and write-behind queues.
	 * @param cacheManagers the tiered cache managers, by bean name
	 * @param remoteTierProbe the shared tier's probe, or {@code null} when the caches
	 * have no shared tier
	 * @param warmers the cache warmers' states, read on every request
	 * @param writeBehind the state of a cache's write-behind queue by cache name,
	 * {@code null} for caches without one; read when one cache is shown
	 */
	public TieredCacheEndpoint(Map<String, TieredCacheManager> cacheManagers, @Nullable RemoteTierProbe remoteTierProbe,
			Supplier<List<WarmerState>> warmers, Function<String, @Nullable WriteBehindStats> writeBehind) {
		this.cacheManagers = new LinkedHashMap<>(cacheManagers);
		this.remoteTierProbe = remoteTierProbe;
		this.warmers = warmers;
		this.writeBehind = writeBehind;
	}

	/**
	 * Returns the statistics of every cache, the state of the shared tier and the state
	 * of every cache warmer.
	 * @return the caches by cache manager, L2's state and the warmers
	 */
	@ReadOperation
	public TieredCachesDescriptor caches() {
		Map<String, TieredCachesDescriptor.CacheManager> managers = new LinkedHashMap<>();
		this.cacheManagers.forEach((beanName, manager) -> {
			Map<String, CacheDescriptor> caches = new TreeMap<>();
			manager.getCaches().forEach((cache) -> caches.put(cache.getName(), CacheDescriptor.of(cache, beanName)));
			managers.put(beanName, new TieredCachesDescriptor.CacheManager(caches));
		});
		RemoteTierProbe probe = this.remoteTierProbe;
		TieredCachesDescriptor.L2State l2 = (probe != null) ? TieredCachesDescriptor.L2State.of(probe.inspect())
				: TieredCachesDescriptor.L2State.notConfigured();
		List<WarmerDescriptor> warmers = this.warmers.get().stream().map(WarmerDescriptor::of).toList();
		return new TieredCachesDescriptor(managers, l2, warmers);
	}

	/**
	 * Returns the statistics of one cache, with its write-behind queue when it has one.
	 * @param cache the cache name
	 * @param cacheManager the cache manager bean's name, needed only when several hold a
	 * cache of that name
	 * @return the statistics, or {@code null} when no such cache exists
	 */
	@ReadOperation
	public @Nullable CacheDescriptor cache(@Selector String cache, @Nullable String cacheManager) {
		Found found = find(cache, cacheManager);
		return (found != null) ? CacheDescriptor.of(found.cache(), found.cacheManager(),
				this.writeBehind.apply(found.cache().getName())) : null;
	}

	/**
	 * Clears a cache in both tiers.
	 * @param cache the cache name
	 * @param cacheManager the cache manager bean's name, needed only when several hold a
	 * cache of that name
	 * @return whether the cache exists (and was cleared)
	 */
	@DeleteOperation
	public boolean clear(@Selector String cache, @Nullable String cacheManager) {
		Found found = find(cache, cacheManager);
		if (found == null) {
			return false;
		}
		found.cache().clear();
		return true;
	}

	/**
	 * Evicts one key from a cache, in both tiers and on every instance.
	 * @param cache the cache name
	 * @param key the key in its encoded form, as it appears in Redis after
	 * {@code {key-prefix}:{cache}:} (for string and number keys, the key itself)
	 * @param cacheManager the cache manager bean's name, needed only when several hold a
	 * cache of that name
	 * @return what was evicted, or {@code null} when no such cache exists
	 */
	@WriteOperation
	public @Nullable EvictionDescriptor evict(@Selector String cache, String key, @Nullable String cacheManager) {
		Found found = find(cache, cacheManager);
		if (found == null) {
			return null;
		}
		boolean present = found.cache().evictEncoded(key);
		return new EvictionDescriptor(cache, found.cacheManager(), key, present);
	}

	private @Nullable Found find(String name, @Nullable String cacheManager) {
		List<Found> found = new ArrayList<>();
		this.cacheManagers.forEach((beanName, manager) -> {
			if (cacheManager == null || cacheManager.equals(beanName)) {
				// Not getCache(name): that would create the cache on demand
				manager.getCaches()
					.stream()
					.filter((cache) -> cache.getName().equals(name))
					.forEach((cache) -> found.add(new Found(cache, beanName)));
			}
		});
		if (found.size() > 1) {
			throw new InvalidEndpointRequestException(
					"Cache '" + name + "' exists in several cache managers "
							+ found.stream().map(Found::cacheManager).toList() + "; add the cacheManager parameter",
					"Ambiguous cache name");
		}
		return found.isEmpty() ? null : found.get(0);
	}

	private record Found(TieredCache cache, String cacheManager) {
	}

}
