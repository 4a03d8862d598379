package io.github.tieredcache.cache;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Marks the cache calls a thread makes while it runs a read-through method whose caching
 * is done with separate {@code get} and {@code put} calls, as Spring's {@code @Cacheable}
 * without {@code sync = true} does: inside a scope, a {@link TieredCache#get(Object)}
 * that misses starts a fill (it records the key's invalidation counter and takes the
 * key's fill lease in Redis), and the {@link TieredCache#put(Object, Object)} of that key
 * that follows completes it as a fill rather than a write. A fill is counted as a load,
 * is not broadcast to other instances (nothing they hold is stale), and is dropped if the
 * key was written or invalidated while the method ran.
 * <p>
 * A {@code put} of a key that did not miss in this scope stays a write. Fills left open
 * when the scope closes (the method threw, or its result was not cached) give their lease
 * back at once.
 * <p>
 * Scopes nest; each is confined to the thread that opened it. Not thread-safe.
 */
public final class FillScope implements AutoCloseable {

	private static final ThreadLocal<@Nullable FillScope> current = new ThreadLocal<>();

	private final @Nullable FillScope outer;

	// Allocated on the first miss only: most scoped calls are hits
	private @Nullable List<PendingFill> pending;

	private boolean succeeded;

	private FillScope(@Nullable FillScope outer) {
		this.outer = outer;
	}

	/**
	 * Opens a scope on the calling thread; close it on the same thread.
	 * @return the scope
	 */
	public static FillScope open() {
		FillScope scope = new FillScope(current.get());
		current.set(scope);
		return scope;
	}

	static @Nullable FillScope current() {
		return current.get();
	}

	/**
	 * Records that the scoped method returned normally, so that fills it left open count
	 * as successful loads whose result was not cached.
	 */
	public void succeeded() {
		this.succeeded = true;
	}

	/**
	 * Closes the scope, giving back the leases of fills that were never completed.
	 */
	@Override
	public void close() {
		// set(null) rather than remove(): cheaper, and a plain ThreadLocal holding null
		// keeps no class of this library reachable from the thread
		current.set(this.outer);
		List<PendingFill> left = this.pending;
		if (left != null) {
			this.pending = null;
			for (PendingFill fill : left) {
				fill.cache().abandonFill(fill, this.succeeded);
			}
		}
	}

	void begin(PendingFill fill) {
		List<PendingFill> fills = this.pending;
		if (fills == null) {
			fills = new ArrayList<>(1);
			this.pending = fills;
		}
		fills.add(fill);
	}

	@Nullable PendingFill take(TieredCache cache, String id) {
		List<PendingFill> fills = this.pending;
		if (fills != null) {
			for (int i = 0; i < fills.size(); i++) {
				PendingFill fill = fills.get(i);
				if (fill.cache() == cache && fill.id().equals(id)) {
					return fills.remove(i);
				}
			}
		}
		return null;
	}

	/**
	 * A miss whose value is being loaded by the scoped method.
	 *
	 * @param cache the cache that missed
	 * @param id the encoded key
	 * @param generation the key's invalidation counter before the miss was read
	 * @param lease the fill lease in Redis, if taken
	 * @param startNanos when the load started
	 */
	record PendingFill(TieredCache cache, String id, long generation, @Nullable String lease, long startNanos) {

	}

}
