package io.github.tieredcache.warming;

import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.util.Assert;

/**
 * Loads entries into a cache ahead of demand. Declare one as a bean and it runs on
 * start-up and, if its {@link #policy()} says so, on a schedule; the returned entries are
 * written to both tiers in bulk (see {@link io.github.tieredcache.cache.BulkFill}).
 *
 * <pre class="code">
 * &#64;Bean
 * CacheWarmer topProducts(ProductRepository repository) {
 *     return CacheWarmer.of("top-products", "products", () -&gt; repository.findTopByViews(1000))
 *         .withPolicy(WarmingPolicy.defaults().withInterval(Duration.ofMinutes(30)));
 * }
 * </pre>
 *
 * <p>
 * {@code tiered-cache.warming.warmers.<name>} overrides the policy from
 * {@code application.yml}. {@link #load()} may run on several threads of the warming pool
 * over time, never twice at once; it is interrupted when it outlives its timeout.
 */
public interface CacheWarmer {

	/**
	 * Returns the warmer's name: unique, used in logs, metrics, the actuator endpoint and
	 * configuration keys.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the cache the entries are written to.
	 * @return the cache name
	 */
	String cache();

	/**
	 * Reads the entries to cache from their source.
	 * @return the entries, keyed as the application reads them (the key a {@code @Cached}
	 * method would compute); never {@code null}
	 * @throws Exception when the source fails: the run is counted as failed and the
	 * application carries on
	 */
	Map<?, ?> load() throws Exception;

	/**
	 * Returns when this warmer runs.
	 * @return the policy; by default once, on start-up
	 */
	default WarmingPolicy policy() {
		return WarmingPolicy.defaults();
	}

	/**
	 * Returns a copy of this warmer with another policy.
	 * @param policy the policy
	 * @return the new warmer
	 */
	default CacheWarmer withPolicy(WarmingPolicy policy) {
		Assert.notNull(policy, "policy must not be null");
		return new SimpleCacheWarmer(name(), cache(), this::load, policy);
	}

	/**
	 * Returns a warmer that loads its entries with the given function, once on start-up.
	 * @param name the warmer's name
	 * @param cache the cache to fill
	 * @param entries reads the entries from their source
	 * @return the warmer
	 */
	static CacheWarmer of(String name, String cache, Callable<? extends Map<?, ?>> entries) {
		Assert.hasText(name, "name must not be empty");
		Assert.hasText(cache, () -> "Warmer '" + name + "' needs the name of the cache it fills");
		Assert.notNull(entries, "entries must not be null");
		return new SimpleCacheWarmer(name, cache, entries, WarmingPolicy.defaults());
	}

}
