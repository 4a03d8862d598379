package io.github.tieredcache.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.github.tieredcache.cache.LocalTier;
import io.github.tieredcache.cache.RemoteTierFactory;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.cache.resilience.RemoteTierGuard;
import io.github.tieredcache.test.redis.RedisServer;
import io.github.tieredcache.testing.RedisConnections;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One application instance for bus tests: its own Redis connections, cache manager and
 * invalidation bus, sharing a Redis (and a key prefix) with the other instances of a
 * test.
 */
final class BusInstance implements AutoCloseable {

	private final LettuceConnectionFactory connections;

	private final TieredCacheManager manager;

	private final InvalidationBus bus;

	private BusInstance(RedisServer redis, String keyPrefix, UnaryOperator<InvalidationBus.Builder> settings) {
		this(redis, keyPrefix, settings, UnaryOperator.identity());
	}

	private BusInstance(RedisServer redis, String keyPrefix, UnaryOperator<InvalidationBus.Builder> settings,
			UnaryOperator<RemoteTierFactory> tiers) {
		this.connections = RedisConnections.open(redis, Duration.ofSeconds(1));
		AtomicReference<TieredCacheManager> caches = new AtomicReference<>();
		this.bus = settings
			.apply(InvalidationBus.builder(this.connections, keyPrefix)
				.heartbeatInterval(Duration.ofMillis(100))
				.localCaches(caches::get))
			.build();
		this.manager = TieredCacheManager.builder()
			.remoteTiers(tiers.apply(RedisConnections.tiers(this.connections, keyPrefix).build()))
			.invalidationListener(this.bus)
			.build();
		caches.set(this.manager);
	}

	/**
	 * Creates an instance whose bus is not started yet.
	 */
	static BusInstance create(RedisServer redis, String keyPrefix, UnaryOperator<InvalidationBus.Builder> settings) {
		return new BusInstance(redis, keyPrefix, settings);
	}

	/**
	 * Creates an instance and starts its bus.
	 */
	static BusInstance start(RedisServer redis, String keyPrefix) {
		BusInstance instance = create(redis, keyPrefix, UnaryOperator.identity());
		instance.bus.start();
		return instance;
	}

	/**
	 * Creates an instance whose Redis tiers go through a guard, and starts its bus.
	 */
	static BusInstance startGuarded(RedisServer redis, String keyPrefix, RemoteTierGuard guard) {
		BusInstance instance = new BusInstance(redis, keyPrefix, UnaryOperator.identity(), guard::guard);
		instance.bus.start();
		return instance;
	}

	InvalidationBus bus() {
		return this.bus;
	}

	LettuceConnectionFactory connections() {
		return this.connections;
	}

	TieredCache cache(String name) {
		return this.manager.getCache(name);
	}

	InvalidationBusStats stats() {
		return this.bus.stats();
	}

	/**
	 * Returns whether this instance's L1 holds the key.
	 */
	boolean holdsLocally(String cacheName, Object key) {
		TieredCache cache = cache(cacheName);
		LocalTier l1 = cache.localTier();
		return l1 != null && l1.get(cache.encodeKey(key)) != null;
	}

	@Override
	public void close() {
		this.bus.stop();
		this.connections.destroy();
	}

}
