package io.github.tieredcache.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Makes concurrent loads of the same key in one JVM share a single call: the first caller
 * (the leader) runs the load, the others wait for its result or failure. Loads of
 * different keys never wait for each other.
 *
 * <p>
 * Thread-safe. A load that recursively loads its own key fails fast instead of
 * deadlocking.
 */
final class InFlightLoads {

	private final ConcurrentMap<Object, Load> loads = new ConcurrentHashMap<>();

	/**
	 * Runs the load unless one for the key is under way, in which case waits for that
	 * one's outcome.
	 * @param key the key
	 * @param load the work, run by the leader only
	 * @return the value loaded
	 */
	@Nullable Object run(Object key, Supplier<@Nullable Object> load) {
		Load mine = new Load(Thread.currentThread());
		Load running;
		while ((running = this.loads.putIfAbsent(key, mine)) != null) {
			if (running.owner == Thread.currentThread()) {
				throw new IllegalStateException("Recursive load of the same key: the value loader for a key called "
						+ "the cache for that same key");
			}
			// Joined as a caller, so that an asynchronous load is not abandoned while
			// this thread waits for it
			CompletableFuture<@Nullable Object> joined = running.join(key);
			if (joined != null) {
				return await(joined);
			}
			this.loads.remove(key, running);
		}
		try {
			Object value = load.get();
			mine.result.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			mine.result.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loads.remove(key, mine);
		}
	}

	/**
	 * Starts an asynchronous load unless one for the key is under way, in which case
	 * joins that one. Each caller gets a future of its own: cancelling it never fails the
	 * others, but once every caller has cancelled its future, nobody waits for the load
	 * any more and it is cancelled (the future {@code load} returned is cancelled) and
	 * forgotten, so that the next caller starts afresh rather than joining a load that
	 * may never end.
	 * @param key the key
	 * @param load starts the work, run by the leader only
	 * @return the caller's own view of the load's outcome
	 */
	CompletableFuture<@Nullable Object> runAsync(Object key, Supplier<CompletableFuture<@Nullable Object>> load) {
		Load mine = new Load(null);
		Load running;
		while ((running = this.loads.putIfAbsent(key, mine)) != null) {
			CompletableFuture<@Nullable Object> joined = running.join(key);
			if (joined != null) {
				return joined;
			}
			// Abandoned by all its callers: no longer shared
			this.loads.remove(key, running);
		}
		CompletableFuture<@Nullable Object> leader = mine.join(key);
		try {
			CompletableFuture<@Nullable Object> work = load.get();
			mine.start(work);
			work.whenComplete((value, failure) -> {
				this.loads.remove(key, mine);
				if (failure != null) {
					mine.result.completeExceptionally(failure);
				}
				else {
					mine.result.complete(value);
				}
			});
		}
		catch (RuntimeException | Error ex) {
			this.loads.remove(key, mine);
			mine.result.completeExceptionally(ex);
		}
		return (leader != null) ? leader : mine.result.copy();
	}

	private static @Nullable Object await(CompletableFuture<@Nullable Object> result) {
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private final class Load {

		private final @Nullable Thread owner;

		private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();

		private int callers;

		private boolean abandoned;

		private @Nullable CompletableFuture<?> work;

		Load(@Nullable Thread owner) {
			this.owner = owner;
		}

		/**
		 * A new caller's own future, or {@code null} when every earlier caller has
		 * cancelled and the load is being abandoned.
		 */
		synchronized @Nullable CompletableFuture<@Nullable Object> join(Object key) {
			if (this.abandoned) {
				return null;
			}
			this.callers++;
			CompletableFuture<@Nullable Object> own = this.result.copy();
			own.whenComplete((value, failure) -> {
				if (own.isCancelled()) {
					leave(key);
				}
			});
			return own;
		}

		synchronized void start(CompletableFuture<?> work) {
			this.work = work;
			if (this.abandoned) {
				work.cancel(false);
			}
		}

		private void leave(Object key) {
			CompletableFuture<?> toCancel;
			synchronized (this) {
				this.callers--;
				if (this.callers > 0 || this.result.isDone()) {
					return;
				}
				this.abandoned = true;
				toCancel = this.work;
			}
			InFlightLoads.this.loads.remove(key, this);
			if (toCancel != null) {
				toCancel.cancel(false);
			}
			this.result.cancel(false);
		}

	}

}
