package io.github.tieredcache.write;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.tieredcache.cache.CacheThreads;
import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.write.WriteBehindStream.Entry;
import io.github.tieredcache.write.WriteBehindStream.Latest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one cache's queued writes on this instance. Each {@link #tick()} reads new entries
 * from the stream, takes over those another instance left idle, keeps its own from being
 * taken, and starts the writes whose delay is over: per key, once, with the latest queued
 * arguments, under a lock in Redis, so one key's writes run one at a time and in order
 * across instances, while different keys run in parallel up to the cache's concurrency.
 * An entry is acknowledged only after its write ran (or was superseded by a later one
 * that ran), so a write survives the loss of the instance that held it.
 *
 * <p>
 * Thread-safe: ticks come from one thread, writes run on the worker's own threads.
 *
 * <p>
 * Longer than most classes here: its length is the stream protocol of one consumer (read,
 * claim, keep-alive, run, acknowledge, retry, dead-letter), whose steps share the state
 * of the pending entries and are easiest to check together.
 */
final class WriteBehindWorker {

	private static final Log logger = LogFactory.getLog(WriteBehindWorker.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

	private static final int MAX_HELD_BATCHES = 10;

	private static final int IDS_PER_COMMAND = 500;

	private final String cacheName;

	private final WriteBehindSettings settings;

	private final WriteBehindStream stream;

	private final WriteBehindMethods methods;

	private final StoredArguments arguments;

	private final Clock clock;

	private final String consumer;

	private final long claimAfterNanos;

	private final WriteBehindCounters counters;

	private final Consumer<String> evict;

	private final ExecutorService executor;

	private final ThrottledLogger redisWarnings;

	private final ThrottledLogger retryWarnings;

	/** Entries held by key, ordered by id; guarded by {@code this}. */
	private final Map<String, TreeMap<StreamId, Entry>> held = new HashMap<>();

	private final Set<String> running = new HashSet<>();

	/**
	 * Keys whose lock another instance held on this tick's attempt: tried again on the
	 * next tick, not each time another run ends.
	 */
	private final Set<String> lockedElsewhere = new HashSet<>();

	private final Map<String, Long> retryAt = new HashMap<>();

	private volatile boolean draining;

	private volatile boolean halted;

	private long lastClaim;

	private long lastTouch;

	WriteBehindWorker(String cacheName, WriteBehindSettings settings, WriteBehindStream stream,
			WriteBehindMethods methods, StoredArguments arguments, Clock clock, String consumer, Duration claimAfter,
			WriteBehindCounters counters, Consumer<String> evict) {
		this.cacheName = cacheName;
		this.settings = settings;
		this.stream = stream;
		this.methods = methods;
		this.arguments = arguments;
		this.clock = clock;
		this.consumer = consumer;
		this.claimAfterNanos = claimAfter.toNanos();
		this.counters = counters;
		this.evict = evict;
		this.executor = Executors.newFixedThreadPool(settings.concurrency(),
				CacheThreads.numbered("tiered-cache-write-behind-" + cacheName + "-"));
		this.redisWarnings = new ThrottledLogger(logger, Duration.ofSeconds(30));
		this.retryWarnings = new ThrottledLogger(logger, Duration.ofSeconds(10));
		long now = System.nanoTime();
		this.lastClaim = now - this.claimAfterNanos;
		this.lastTouch = now;
	}

	/**
	 * Reads, claims, keeps and starts writes; never throws.
	 */
	void tick() {
		if (this.halted) {
			return;
		}
		try {
			long now = System.nanoTime();
			synchronized (this) {
				this.lockedElsewhere.clear();
			}
			if (!this.draining) {
				readNew();
				if (now - this.lastClaim >= this.claimAfterNanos / 4) {
					this.lastClaim = now;
					hold(this.stream.claim(this.consumer, this.claimAfterNanos / 1_000_000, this.settings.batchSize()));
				}
			}
			if (now - this.lastTouch >= this.claimAfterNanos / 3) {
				this.lastTouch = now;
				keepHeld();
			}
			dispatch();
		}
		catch (RuntimeException ex) {
			this.counters.redisFailures.increment();
			this.redisWarnings.warn("Write-behind queue of cache '" + this.cacheName
					+ "' cannot reach Redis; queued writes wait until it is back (" + ex + ")", ex);
		}
	}

	private void readNew() {
		int limit = this.settings.batchSize() * MAX_HELD_BATCHES;
		for (int i = 0; i < MAX_HELD_BATCHES && heldKeys() < limit; i++) {
			List<Entry> entries = this.stream.read(this.consumer, this.settings.batchSize());
			hold(entries);
			if (entries.size() < this.settings.batchSize()) {
				return;
			}
		}
	}

	/**
	 * Holds entries read or claimed, and acknowledges at once those a later held write of
	 * the same key supersedes: only the key's oldest entry (which times the delay) and
	 * its newest stay, so a key written non-stop holds two entries rather than filling
	 * this instance's share of the queue. Safe against a crash: the newest entry stays
	 * pending until its write ran, and runs the key's latest write wherever it is taken
	 * over.
	 */
	private void hold(List<Entry> entries) {
		List<String> superseded = new ArrayList<>();
		synchronized (this) {
			Set<String> keys = new HashSet<>();
			for (Entry entry : entries) {
				this.held.computeIfAbsent(entry.key(), (key) -> new TreeMap<>()).put(StreamId.of(entry.id()), entry);
				keys.add(entry.key());
			}
			for (String key : keys) {
				TreeMap<StreamId, Entry> byId = this.held.get(key);
				if (byId.size() > 2 && !this.running.contains(key)) {
					StreamId oldest = byId.firstKey();
					StreamId newest = byId.lastKey();
					NavigableMap<StreamId, Entry> between = byId.subMap(oldest, false, newest, false);
					between.values().forEach((entry) -> superseded.add(entry.id()));
					between.clear();
				}
			}
		}
		if (!superseded.isEmpty()) {
			for (int i = 0; i < superseded.size(); i += IDS_PER_COMMAND) {
				this.stream.acknowledge(superseded.subList(i, Math.min(superseded.size(), i + IDS_PER_COMMAND)));
			}
			this.counters.coalesced.add(superseded.size());
		}
	}

	private synchronized int heldKeys() {
		return this.held.size();
	}

	synchronized int heldCount() {
		int count = 0;
		for (TreeMap<StreamId, Entry> entries : this.held.values()) {
			count += entries.size();
		}
		return count;
	}

	/**
	 * Resets the idle time of held entries and renews the locks of running writes, so
	 * that other instances take over neither while this one is alive.
	 */
	private void keepHeld() {
		List<String> ids;
		List<String> keys;
		synchronized (this) {
			ids = new ArrayList<>();
			this.held.values().forEach((entries) -> entries.values().forEach((entry) -> ids.add(entry.id())));
			keys = new ArrayList<>(this.running);
		}
		Set<String> stillPending = new HashSet<>();
		for (int i = 0; i < ids.size(); i += IDS_PER_COMMAND) {
			stillPending
				.addAll(this.stream.touch(this.consumer, ids.subList(i, Math.min(ids.size(), i + IDS_PER_COMMAND))));
		}
		Set<String> touched = new HashSet<>(ids);
		synchronized (this) {
			// Entries acknowledged by another instance (which ran a later write) are done
			this.held.values()
				.forEach((entries) -> entries.values()
					.removeIf((e) -> touched.contains(e.id()) && !stillPending.contains(e.id())));
			this.held.values().removeIf(TreeMap::isEmpty);
		}
		this.stream.renew(this.consumer, leaseMillis(), keys);
	}

	private void dispatch() {
		long now = this.clock.millis();
		long delay = this.settings.delay().toMillis();
		List<String> due = new ArrayList<>();
		synchronized (this) {
			for (Map.Entry<String, TreeMap<StreamId, Entry>> byKey : this.held.entrySet()) {
				String key = byKey.getKey();
				if (this.running.size() + due.size() >= this.settings.concurrency()) {
					break;
				}
				Long retry = this.retryAt.get(key);
				boolean waited = this.draining || byKey.getValue().firstEntry().getValue().time() + delay <= now;
				if (!this.running.contains(key) && !this.lockedElsewhere.contains(key) && waited
						&& (retry == null || retry <= now)) {
					due.add(key);
				}
			}
			this.running.addAll(due);
		}
		for (String key : due) {
			try {
				this.executor.execute(() -> run(key));
			}
			catch (RejectedExecutionException ex) {
				synchronized (this) {
					this.running.remove(key);
				}
			}
		}
	}

	/**
	 * Runs the latest queued write of a key, once, under the key's lock.
	 */
	private void run(String key) {
		try {
			if (!this.stream.lock(key, this.consumer, leaseMillis())) {
				// Another instance runs this key's write now; try again on a later tick
				synchronized (this) {
					this.lockedElsewhere.add(key);
				}
				return;
			}
			try {
				runLocked(key);
			}
			finally {
				if (!this.halted) {
					this.stream.unlock(key, this.consumer);
				}
			}
		}
		catch (RuntimeException ex) {
			this.counters.redisFailures.increment();
			this.redisWarnings.warn("Write-behind queue of cache '" + this.cacheName
					+ "' cannot reach Redis; queued writes wait until it is back (" + ex + ")", ex);
		}
		finally {
			synchronized (this) {
				this.running.remove(key);
			}
		}
		if (!this.halted) {
			// Start the next due write now rather than on the next tick, so that the
			// writes run per second are bound by the concurrency and their own time, not
			// by the poll interval
			dispatch();
		}
	}

	private void runLocked(String key) {
		Latest latest = this.stream.latest(key);
		if (this.halted) {
			return;
		}
		if (latest == null) {
			// Every queued write of this key ran already (on another instance)
			List<String> done = heldUpTo(key, null);
			this.stream.complete(key, "", done);
			forget(key, done);
			this.counters.coalesced.add(done.size());
			return;
		}
		List<String> done = heldUpTo(key, StreamId.of(latest.id()));
		Throwable failure = execute(latest);
		if (this.halted) {
			// Stopped as if killed: nothing is acknowledged, another instance runs it
			return;
		}
		if (failure == null) {
			this.stream.complete(key, latest.id(), done);
			forget(key, done);
			this.counters.coalesced.add(done.contains(latest.id()) ? done.size() - 1 : done.size());
			this.counters.executed.increment();
			return;
		}
		long attempts = this.stream.failed(key);
		if (attempts >= this.settings.maxAttempts()) {
			this.stream.deadLetter(key, latest, describe(failure), attempts, this.clock.millis(), done);
			forget(key, done);
			this.counters.deadLettered.increment();
			// The value never reached the database: stop serving it from the cache
			this.evict.accept(key);
			logger.error("Write-behind of cache '" + this.cacheName + "' gave up on a write of "
					+ describeMethod(latest) + " after " + attempts + " attempts; it is in the dead-letter stream "
					+ this.stream.name() + ":dead and its key was evicted", failure);
			return;
		}
		long backoff = backoff(attempts).toMillis();
		synchronized (this) {
			this.retryAt.put(key, this.clock.millis() + backoff);
		}
		this.counters.retries.increment();
		this.retryWarnings.warn("Write-behind of cache '" + this.cacheName + "' failed running "
				+ describeMethod(latest) + " (attempt " + attempts + " of " + this.settings.maxAttempts()
				+ "); retrying in " + backoff + " ms: " + failure, failure);
	}

	private @Nullable Throwable execute(Latest latest) {
		try {
			if (latest.methodId() == null || latest.arguments() == null) {
				throw new IllegalStateException("the queue entry " + latest.id() + " is gone from " + this.stream.name()
						+ " (was the stream trimmed or deleted?)");
			}
			this.methods.run(latest.methodId(), this.arguments.read(latest.arguments()));
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private synchronized List<String> heldUpTo(String key, @Nullable StreamId last) {
		TreeMap<StreamId, Entry> entries = this.held.get(key);
		if (entries == null) {
			return List.of();
		}
		return ((last != null) ? entries.headMap(last, true) : entries).values().stream().map(Entry::id).toList();
	}

	private synchronized void forget(String key, List<String> done) {
		TreeMap<StreamId, Entry> entries = this.held.get(key);
		if (entries != null) {
			done.forEach((id) -> entries.remove(StreamId.of(id)));
			if (entries.isEmpty()) {
				this.held.remove(key);
			}
		}
		this.retryAt.remove(key);
	}

	static Duration backoff(long attempts) {
		long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
		Duration backoff = FIRST_RETRY.multipliedBy(factor);
		return (backoff.compareTo(LONGEST_RETRY) > 0) ? LONGEST_RETRY : backoff;
	}

	private long leaseMillis() {
		return Math.max(1, this.claimAfterNanos / 1_000_000);
	}

	private static String describe(Throwable failure) {
		String text = failure.toString();
		return (text.length() > 1000) ? text.substring(0, 1000) : text;
	}

	private static String describeMethod(Latest latest) {
		return (latest.methodId() != null) ? latest.methodId() : "entry " + latest.id();
	}

	/**
	 * Stops reading new entries and runs the held ones at once, ignoring the delay, for
	 * at most {@code timeout}; what is left stays in the stream for another instance.
	 * @return whether every held write ran
	 */
	boolean drain(Duration timeout) {
		this.draining = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			tick();
			synchronized (this) {
				if (this.held.isEmpty() && this.running.isEmpty()) {
					break;
				}
			}
			sleep(Duration.ofMillis(20));
		}
		boolean drained;
		synchronized (this) {
			drained = this.held.isEmpty();
		}
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return drained;
	}

	/**
	 * Stops at once, as if the process were killed: nothing more is acknowledged or
	 * unlocked; another instance takes the held entries over once they are idle.
	 */
	void halt() {
		this.halted = true;
		this.executor.shutdownNow();
	}

	boolean isHalted() {
		return this.halted;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A stream entry id, {@code millis-sequence}, ordered as Redis orders them.
	 */
	record StreamId(long millis, long sequence) implements Comparable<StreamId> {

		private static final Comparator<StreamId> ORDER = Comparator.comparingLong(StreamId::millis)
			.thenComparingLong(StreamId::sequence);

		static StreamId of(String id) {
			int dash = id.indexOf('-');
			if (dash < 0) {
				return new StreamId(Long.parseLong(id), 0);
			}
			return new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
		}

		@Override
		public int compareTo(StreamId other) {
			return ORDER.compare(this, other);
		}

	}

}
