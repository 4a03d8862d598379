package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.cache.TieredCacheManager;

/**
 * Callback that customizes the {@link TieredCacheManager.Builder} behind the
 * auto-configured {@link TieredCacheManager}, after the settings from
 * {@code tiered-cache.*} are applied and before the manager is built. Every bean of this
 * type is called, in the order given by {@link org.springframework.core.Ordered} or
 * {@link org.springframework.core.annotation.Order @Order}, so a later customizer sees
 * (and may override) what an earlier one set.
 *
 * <p>
 * Use it to add a cache defined in code, or to change one setting of the builder without
 * replacing the whole {@code CacheManager} bean. A customizer is called once, on the
 * thread that creates the manager; it is not called when the application defines its own
 * {@code CacheManager}.
 */
@FunctionalInterface
public interface TieredCacheManagerBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already holding the configured defaults, caches, tiers
	 * and key encoder
	 */
	void customize(TieredCacheManager.Builder builder);

}
