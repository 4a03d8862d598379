package io.github.tieredcache.cache;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Records what was written or invalidated in one cache while a {@link BulkFill} loads its
 * entries, so that none of them overwrites a newer write; then, once the entries are
 * written, reports every later invalidation of one of them, so that an invalidation that
 * reached Redis before the bulk write (but this instance only after it) still removes the
 * value it would otherwise have left there.
 *
 * <p>
 * Thread-safe. Recording and guarding are ordered through concurrent collections and a
 * volatile flag, so an invalidation racing with {@link #guard} is either seen by
 * {@link #isInvalidated} or reported to the guard, never missed by both.
 */
final class InvalidationWatch {

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private final Queue<KeyGlob> patterns = new ConcurrentLinkedQueue<>();

	private volatile boolean all;

	private final Set<String> guarded = ConcurrentHashMap.newKeySet();

	private final Consumer<List<String>> onInvalidated;

	private final BooleanSupplier reportLocal;

	/**
	 * Creates a watch.
	 * @param onInvalidated receives the guarded keys invalidated after {@link #guard}
	 * @param reportLocal whether an invalidation made on this instance must be reported
	 * now: only while the guarded keys are being written, since one made afterwards
	 * reaches Redis after them; invalidations from other instances are always reported,
	 * since they may have reached Redis before
	 */
	InvalidationWatch(Consumer<List<String>> onInvalidated, BooleanSupplier reportLocal) {
		this.onInvalidated = onInvalidated;
		this.reportLocal = reportLocal;
	}

	/**
	 * Notes an invalidation; call it before the invalidation advances the key's counter
	 * and before it reaches Redis.
	 * @param invalidation what was invalidated
	 * @param remote whether another instance made it (and this one only hears of it)
	 */
	void record(Invalidation invalidation, boolean remote) {
		switch (invalidation.scope()) {
			case KEY -> this.keys.add(Objects.requireNonNull(invalidation.target()));
			case PATTERN -> this.patterns.add(KeyGlob.compile(Objects.requireNonNull(invalidation.target())));
			case ALL -> this.all = true;
		}
		if (!this.guarded.isEmpty() && (remote || this.reportLocal.getAsBoolean())) {
			report(invalidation);
		}
	}

	/**
	 * Returns whether a key was written or invalidated since the watch started.
	 * @param id the encoded key
	 * @return whether its loaded value may be stale
	 */
	boolean isInvalidated(String id) {
		if (this.all || this.keys.contains(id)) {
			return true;
		}
		for (KeyGlob pattern : this.patterns) {
			if (pattern.matches(id)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Reports every later invalidation of the given keys, as well as of those given
	 * before.
	 * @param written the keys about to be written
	 */
	void guard(Collection<String> written) {
		this.guarded.addAll(written);
	}

	private void report(Invalidation invalidation) {
		List<String> invalidated = switch (invalidation.scope()) {
			case KEY -> {
				String id = Objects.requireNonNull(invalidation.target());
				yield this.guarded.contains(id) ? List.of(id) : List.of();
			}
			case PATTERN -> {
				KeyGlob pattern = KeyGlob.compile(Objects.requireNonNull(invalidation.target()));
				yield this.guarded.stream().filter(pattern::matches).toList();
			}
			case ALL -> List.copyOf(this.guarded);
		};
		if (!invalidated.isEmpty()) {
			this.onInvalidated.accept(invalidated);
		}
	}

}
