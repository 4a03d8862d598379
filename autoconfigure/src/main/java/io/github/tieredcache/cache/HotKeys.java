package io.github.tieredcache.cache;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;

import org.springframework.cache.Cache.ValueWrapper;

/**
 * The most-read keys of one cache's L1, as Caffeine's W-TinyLFU policy ranks them (by how
 * often and how recently they were read): nothing is added to the read path, the ranking
 * is the one L1 keeps anyway to choose what to evict. Computed at most once per
 * {@code period}, by whichever caller first needs it after that, while the others keep
 * using the previous set.
 *
 * <p>
 * Thread-safe.
 */
final class HotKeys {

	private final Cache<Object, ValueWrapper> local;

	private final int count;

	private final long periodMillis;

	private final Clock clock;

	private final AtomicLong nextRanking = new AtomicLong(Long.MIN_VALUE);

	private volatile Set<Object> hottest = Set.of();

	HotKeys(Cache<Object, ValueWrapper> local, int count, long periodMillis, Clock clock) {
		this.local = local;
		this.count = count;
		this.periodMillis = periodMillis;
		this.clock = clock;
	}

	/**
	 * Returns whether a key is among the most-read ones.
	 * @param id the encoded key
	 * @return whether it is hot
	 */
	boolean contains(String id) {
		long now = this.clock.millis();
		long due = this.nextRanking.get();
		if (now >= due && this.nextRanking.compareAndSet(due, now + this.periodMillis)) {
			this.hottest = rank();
		}
		return this.hottest.contains(id);
	}

	private Set<Object> rank() {
		return this.local.policy()
			.eviction()
			.map((eviction) -> Set.copyOf(eviction.hottest(this.count).keySet()))
			.orElse(Set.of());
	}

}
