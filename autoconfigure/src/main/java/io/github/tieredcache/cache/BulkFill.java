package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.util.Assert;

/**
 * Entries loaded in bulk from their source (by a cache warmer) and written to both tiers
 * of one {@link TieredCache}: to Redis in pipelined batches instead of one round trip per
 * entry, and to L1.
 *
 * <p>
 * Start the fill <em>before</em> reading the entries from their source: it watches the
 * cache from then on and drops every entry whose key was written or invalidated (on this
 * instance or, through the invalidation bus, on another) while the entries were read, so
 * a bulk fill never overwrites a newer write with the data read before it. An
 * invalidation can reach Redis before the bulk write but this instance only after it (the
 * bus's latency, a few milliseconds); for that window the fill keeps watching its keys
 * for {@code guard} after it is closed and removes from Redis again any of them that
 * another instance invalidates meanwhile (or that this instance invalidates while the
 * bulk write is on its way).
 *
 * <pre class="code">
 * try (BulkFill fill = cache.bulkFill()) {
 *     fill.write(repository.findTopProducts());
 * }
 * </pre>
 *
 * <p>
 * Bulk writes are fills, like the values of
 * {@link TieredCache#get(Object, java.util.concurrent.Callable)}: they are not broadcast
 * to other instances (whatever those hold was never invalidated), which read them from
 * Redis on their next miss.
 *
 * <p>
 * Thread-safe; {@link #write} may be called several times (for a source read in pages).
 */
public final class BulkFill implements AutoCloseable {

	/**
	 * How long a fill keeps watching its keys after it is closed unless told otherwise:
	 * far beyond the invalidation bus's worst observed latency, and beyond the time it
	 * takes to notice lost messages with its default settings (a silent peer after three
	 * missed 2-second heartbeats), whose L1 flush then also evicts the watched keys.
	 */
	public static final Duration DEFAULT_GUARD = Duration.ofSeconds(10);

	private final TieredCache cache;

	private final Duration guard;

	private final InvalidationWatch watch;

	private final Set<String> toEvict = ConcurrentHashMap.newKeySet();

	private volatile boolean writing;

	private volatile boolean closed;

	BulkFill(TieredCache cache, Duration guard) {
		this.cache = cache;
		this.guard = guard;
		this.watch = new InvalidationWatch(this::evictFromRemote, () -> this.writing);
		cache.watch(this.watch);
	}

	/**
	 * Writes entries with the cache's time-to-live.
	 * @param entries the entries, keyed by the application's keys
	 * @return what was written
	 * @see #write(Map, Duration)
	 */
	public Result write(Map<?, ?> entries) {
		return write(entries, this.cache.spec().ttl());
	}

	/**
	 * Writes entries that nothing wrote or invalidated since this fill started, to Redis
	 * (pipelined) and L1. Entries with a {@code null} value are skipped unless the cache
	 * stores nulls. A Redis failure is counted and logged by the cache, as for any other
	 * write, and the entries still reach L1.
	 * @param entries the entries, keyed by the application's keys
	 * @param ttl how long the entries live in Redis (with the cache's TTL jitter); L1
	 * keeps them no longer than its own TTL
	 * @return what was written
	 * @throws InvalidCacheKeyException if a key has no stable string form
	 * @throws IllegalStateException if the fill is closed
	 */
	public synchronized Result write(Map<?, ?> entries, Duration ttl) {
		Assert.state(!this.closed, "This bulk fill is closed: start another one with TieredCache.bulkFill() before "
				+ "reading the entries, so it can watch for writes made meanwhile");
		List<RemoteWrite> writes = new ArrayList<>(entries.size());
		List<String> ids = new ArrayList<>(entries.size());
		int nulls = 0;
		for (Map.Entry<?, ?> entry : entries.entrySet()) {
			if (entry.getValue() == null && !this.cache.spec().cacheNullValues()) {
				nulls++;
				continue;
			}
			String id = this.cache.encodeKey(entry.getKey());
			Object stored = this.cache.toStoredValue(entry.getValue());
			writes.add(new RemoteWrite(id, stored, this.cache.lifetimes().entryTtl(stored, ttl)));
			ids.add(id);
		}
		// Guard first, then filter: an invalidation either shows in the filter or is
		// reported to the guard
		this.writing = true;
		this.watch.guard(ids);
		long[] generations = new long[writes.size()];
		for (int i = 0; i < writes.size(); i++) {
			generations[i] = this.cache.generations().current(writes.get(i).key());
		}
		List<RemoteWrite> fresh = new ArrayList<>(writes.size());
		List<Long> freshGenerations = new ArrayList<>(writes.size());
		for (int i = 0; i < writes.size(); i++) {
			if (!this.watch.isInvalidated(writes.get(i).key())) {
				fresh.add(writes.get(i));
				freshGenerations.add(generations[i]);
			}
		}
		try {
			writeRemote(fresh);
		}
		finally {
			this.writing = false;
		}
		evictInvalidated();
		writeLocal(fresh, freshGenerations);
		return new Result(fresh.size(), writes.size() - fresh.size() + nulls);
	}

	private void writeRemote(List<RemoteWrite> writes) {
		RemoteTier l2 = this.cache.failSafeRemote().tier();
		if (l2 == null || writes.isEmpty()) {
			return;
		}
		try {
			l2.putAll(writes);
		}
		catch (RuntimeException ex) {
			this.cache.failSafeRemote().failed("bulk write", ex);
		}
	}

	private void writeLocal(List<RemoteWrite> writes, List<Long> generations) {
		LocalTier l1 = this.cache.localTier();
		for (int i = 0; i < writes.size(); i++) {
			RemoteWrite write = writes.get(i);
			if (l1 != null) {
				String id = write.key();
				long generation = generations.get(i);
				ValueWrapper wrapper = TieredCache.wrap(write.value());
				l1.putIf(id, wrapper, this.cache.lifetimes().l1Ttl(write.ttl()),
						this.cache.lifetimes().refreshAfter(write.ttl()),
						() -> this.cache.generations().isCurrent(id, generation));
			}
			this.cache.statistics().recordPut();
		}
	}

	/**
	 * Removes written keys from Redis again; while a bulk write is on its way, only once
	 * it has landed, or the eviction could arrive first and leave the written value.
	 */
	private void evictFromRemote(List<String> ids) {
		if (this.cache.failSafeRemote().tier() == null) {
			return;
		}
		this.toEvict.addAll(ids);
		if (!this.writing) {
			evictInvalidated();
		}
	}

	private void evictInvalidated() {
		RemoteTier l2 = this.cache.failSafeRemote().tier();
		if (l2 == null || this.toEvict.isEmpty()) {
			return;
		}
		List<String> ids = new ArrayList<>(this.toEvict);
		this.toEvict.removeAll(ids);
		this.cache.runInBackground(() -> {
			try {
				l2.evictAll(ids);
			}
			catch (RuntimeException ex) {
				this.cache.failSafeRemote().failed("evict", ex);
			}
		});
	}

	/**
	 * Stops watching the cache once the guard period has passed.
	 */
	@Override
	public void close() {
		this.closed = true;
		CompletableFuture.delayedExecutor(this.guard.toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> this.cache.unwatch(this.watch));
	}

	/**
	 * What one {@link #write} did.
	 *
	 * @param written entries written
	 * @param skipped entries left out: written or invalidated while they were read, or
	 * {@code null} in a cache that stores no nulls
	 */
	public record Result(int written, int skipped) {

	}

}
