package io.github.tieredcache.warming;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A warmer as the application declared it, before configuration overrides: a
 * {@link CacheWarmer} bean or a {@link io.github.tieredcache.annotation.Warmer} method.
 *
 * @param name the warmer's name
 * @param cache the cache it fills, or {@code null} for a method that fills caches through
 * {@code @Cached} calls and names none
 * @param policy when it runs, as declared
 * @param source reads the entries; returns {@code null} when the warmer filled its caches
 * itself
 * @param origin where it was declared, for messages
 */
record WarmerDefinition(String name, @Nullable String cache, WarmingPolicy policy, Source source, String origin) {

	static WarmerDefinition of(CacheWarmer warmer, String beanName) {
		return new WarmerDefinition(warmer.name(), warmer.cache(), warmer.policy(),
				() -> Objects.requireNonNull(warmer.load(),
						() -> "CacheWarmer '" + warmer.name()
								+ "' returned null; return an empty map when there is nothing to load"),
				"CacheWarmer bean '" + beanName + "'");
	}

	/**
	 * Reads a warmer's entries.
	 */
	@FunctionalInterface
	interface Source {

		@Nullable Map<?, ?> load() throws Exception;

	}

}
