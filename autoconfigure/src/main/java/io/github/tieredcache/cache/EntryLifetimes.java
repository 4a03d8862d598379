package io.github.tieredcache.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.NullValue;

/**
 * How long a cache's entries live: in Redis (the cache's or the method's TTL, capped,
 * with jitter; nulls their own), in L1 (never longer than in Redis nor than the L1 TTL),
 * and when reads start reloading them in the background (refresh-ahead, hot keys).
 * Thread-safe.
 */
final class EntryLifetimes {

	private final CacheSpec spec;

	private final Clock clock;

	private final boolean hotKeys;

	EntryLifetimes(CacheSpec spec, Clock clock, boolean hotKeys) {
		this.spec = spec;
		this.clock = clock;
		this.hotKeys = hotKeys;
	}

	/**
	 * The TTL of an entry in Redis.
	 * @param stored the stored value ({@link NullValue} for a null)
	 * @param ttl the requested TTL
	 */
	Duration entryTtl(Object stored, Duration ttl) {
		if (stored instanceof NullValue) {
			return this.spec.nullValueTtl();
		}
		Duration capped = (ttl.compareTo(CacheSpec.MAX_TTL) > 0) ? CacheSpec.MAX_TTL : ttl;
		double jitter = this.spec.ttlJitter();
		if (jitter == 0.0) {
			return capped;
		}
		double factor = 1.0 - ThreadLocalRandom.current().nextDouble() * jitter;
		return Duration.ofMillis(Math.max(1, (long) (capped.toMillis() * factor)));
	}

	/**
	 * The TTL in L1 of an entry written with the given Redis TTL.
	 */
	Duration l1Ttl(Duration entryTtl) {
		Duration l1 = this.spec.effectiveL1Ttl();
		return (entryTtl.compareTo(l1) < 0) ? entryTtl : l1;
	}

	/**
	 * After how long reads of a newly written entry start reloading it.
	 * @return the delay, or {@code null} for never
	 */
	@Nullable Duration refreshAfter(Duration entryTtl) {
		double fraction = this.spec.refreshAhead();
		if (fraction > 0) {
			return Duration.ofMillis((long) (entryTtl.toMillis() * fraction));
		}
		return this.hotKeys ? Duration.ofMillis(hotKeyRefreshAfter(entryTtl.toMillis())) : null;
	}

	/**
	 * After how long from now reads of an entry copied from Redis start reloading it,
	 * from the times it was written and expires.
	 * @return the delay, or {@code null} for never
	 */
	@Nullable Duration refreshAfter(RemoteEntry entry) {
		long lifetime = entry.expiresAtMillis() - entry.writtenAtMillis();
		long refreshAt;
		if (this.spec.refreshAhead() > 0) {
			refreshAt = entry.writtenAtMillis() + (long) (lifetime * this.spec.refreshAhead());
		}
		else if (this.hotKeys) {
			refreshAt = entry.writtenAtMillis() + hotKeyRefreshAfter(lifetime);
		}
		else {
			return null;
		}
		return Duration.ofMillis(refreshAt - this.clock.millis());
	}

	/**
	 * How long an entry copied from Redis has left there.
	 */
	Duration remaining(RemoteEntry entry) {
		return Duration.ofMillis(entry.expiresAtMillis() - this.clock.millis());
	}

	/**
	 * When a hot key becomes due for refresh: {@code hot-key-refresh-before} before its
	 * expiry, but never in the first half of its life, so a TTL shorter than that setting
	 * does not reload the key on every read.
	 */
	private long hotKeyRefreshAfter(long lifetimeMillis) {
		return Math.max(lifetimeMillis / 2, lifetimeMillis - this.spec.hotKeyRefreshBefore().toMillis());
	}

}
