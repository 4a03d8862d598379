package io.github.tieredcache.warming;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A {@link CacheWarmer} made of its parts, as {@link CacheWarmer#of} and
 * {@link CacheWarmer#withPolicy} build them.
 */
record SimpleCacheWarmer(String name, String cache, Callable<? extends Map<?, ?>> entries,
		WarmingPolicy policy) implements CacheWarmer {

	@Override
	public Map<?, ?> load() throws Exception {
		return this.entries.call();
	}

	@Override
	public String toString() {
		return "CacheWarmer[" + this.name + " -> " + this.cache + "]";
	}

}
