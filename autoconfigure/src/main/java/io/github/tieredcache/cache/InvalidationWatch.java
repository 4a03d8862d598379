package io.github.tieredcache.cache;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

	private final List<KeyGlob> patterns = new CopyOnWriteArrayList<>();

	private volatile boolean all;

	private final Set<String> guarded = ConcurrentHashMap.newKeySet();

	private final Consumer<String> onInvalidated;

	/**
	 * Creates a watch.
	 * @param onInvalidated receives each guarded key invalidated after {@link #guard}
	 */
	InvalidationWatch(Consumer<String> onInvalidated) {
		this.onInvalidated = onInvalidated;
	}

	/**
	 * Notes an invalidation; call it before the invalidation advances the key's counter.
	 * @param invalidation what was invalidated
	 */
	void record(Invalidation invalidation) {
		switch (invalidation.scope()) {
			case KEY -> this.keys.add(Objects.requireNonNull(invalidation.target()));
			case PATTERN -> this.patterns.add(KeyGlob.compile(Objects.requireNonNull(invalidation.target())));
			case ALL -> this.all = true;
		}
		if (!this.guarded.isEmpty()) {
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
		switch (invalidation.scope()) {
			case KEY -> {
				String id = Objects.requireNonNull(invalidation.target());
				if (this.guarded.contains(id)) {
					this.onInvalidated.accept(id);
				}
			}
			case PATTERN -> {
				KeyGlob pattern = KeyGlob.compile(Objects.requireNonNull(invalidation.target()));
				this.guarded.stream().filter(pattern::matches).forEach(this.onInvalidated);
			}
			case ALL -> this.guarded.forEach(this.onInvalidated);
		}
	}

}
