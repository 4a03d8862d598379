package io.github.tieredcache.cache.resilience;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.tieredcache.cache.Invalidation;
import io.github.tieredcache.cache.RemoteTier;

/**
 * The invalidations of one cache that could not reach Redis: keys, patterns, or "clear
 * everything". Bounded: once more than {@code maxEntries} keys or patterns are waiting,
 * they are replaced by one clear of the whole cache, which is always safe (it only costs
 * misses).
 *
 * <p>
 * Thread-safe. {@link #isEmpty()} is a volatile read, cheap enough for every call; it
 * stays {@code false} while a drained batch is being replayed, so that no call reads
 * Redis before the replay has completed.
 */
final class PendingInvalidations {

	private final int maxEntries;

	private final Set<String> keys = new LinkedHashSet<>();

	private final Set<String> patterns = new LinkedHashSet<>();

	private boolean all;

	private int replaying;

	private volatile boolean empty = true;

	PendingInvalidations(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	boolean isEmpty() {
		return this.empty;
	}

	synchronized void key(String key) {
		if (!this.all && !this.keys.contains(key)) {
			if (this.keys.size() + this.patterns.size() >= this.maxEntries) {
				all();
				return;
			}
			this.keys.add(key);
		}
		this.empty = false;
	}

	synchronized void pattern(String pattern) {
		if ("*".equals(pattern)) {
			all();
			return;
		}
		if (!this.all && !this.patterns.contains(pattern)) {
			if (this.keys.size() + this.patterns.size() >= this.maxEntries) {
				all();
				return;
			}
			this.patterns.add(pattern);
		}
		this.empty = false;
	}

	synchronized void all() {
		this.all = true;
		this.keys.clear();
		this.patterns.clear();
		this.empty = false;
	}

	synchronized int size() {
		return (this.all ? 1 : this.keys.size() + this.patterns.size()) + this.replaying;
	}

	/**
	 * Takes everything waiting, to replay it; {@link #isEmpty()} stays {@code false}
	 * until {@link #replayed} or {@link #failed} is called.
	 * @return the batch to replay
	 */
	synchronized Batch drain() {
		Batch batch = new Batch(this.all, new ArrayList<>(this.keys), new ArrayList<>(this.patterns));
		this.all = false;
		this.keys.clear();
		this.patterns.clear();
		this.replaying = batch.size();
		return batch;
	}

	synchronized void replayed() {
		this.replaying = 0;
		updateEmpty();
	}

	synchronized void failed(Batch batch) {
		this.replaying = 0;
		if (batch.all()) {
			all();
			return;
		}
		batch.patterns().forEach(this::pattern);
		batch.keys().forEach(this::key);
		updateEmpty();
	}

	private void updateEmpty() {
		this.empty = this.replaying == 0 && !this.all && this.keys.isEmpty() && this.patterns.isEmpty();
	}

	/**
	 * Invalidations taken for one replay.
	 *
	 * @param all whether the whole cache must be cleared (keys and patterns are then
	 * empty)
	 * @param keys encoded keys to evict
	 * @param patterns globs to evict
	 */
	record Batch(boolean all, List<String> keys, List<String> patterns) {

		int size() {
			return this.all ? 1 : this.keys.size() + this.patterns.size();
		}

		List<Invalidation> invalidations(String cacheName) {
			if (this.all) {
				return List.of(Invalidation.all(cacheName));
			}
			List<Invalidation> invalidations = new ArrayList<>(this.patterns.size() + this.keys.size());
			this.patterns.forEach((pattern) -> invalidations.add(Invalidation.pattern(cacheName, pattern)));
			this.keys.forEach((key) -> invalidations.add(Invalidation.key(cacheName, key)));
			return invalidations;
		}

		void applyTo(RemoteTier tier) {
			if (this.all) {
				tier.clear();
				return;
			}
			this.patterns.forEach(tier::evictMatching);
			this.keys.forEach(tier::evict);
		}

	}

}
