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
		Load running = this.loads.putIfAbsent(key, mine);
		if (running != null) {
			if (running.owner == Thread.currentThread()) {
				throw new IllegalStateException("Recursive load of the same key: the value loader for a key called "
						+ "the cache for that same key");
			}
			return await(running.result);
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
	 * returns that one.
	 * @param key the key
	 * @param load starts the work, run by the leader only
	 * @return the load's outcome
	 */
	CompletableFuture<@Nullable Object> runAsync(Object key, Supplier<CompletableFuture<@Nullable Object>> load) {
		Load mine = new Load(null);
		Load running = this.loads.putIfAbsent(key, mine);
		if (running != null) {
			return running.result;
		}
		try {
			load.get().whenComplete((value, failure) -> {
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
		return mine.result;
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

	private static final class Load {

		private final @Nullable Thread owner;

		private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();

		Load(@Nullable Thread owner) {
			this.owner = owner;
		}

	}

}
