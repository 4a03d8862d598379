package io.github.tieredcache.warming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.cache.CacheManager;
import org.springframework.util.Assert;

/**
 * The application's warmers, found once: the {@link CacheWarmer} beans and the
 * {@link io.github.tieredcache.annotation.Warmer} methods, with configuration applied and
 * checked (duplicate names, unknown caches, configuration naming no warmer), so mistakes
 * stop start-up. Thread-safe.
 */
final class WarmerRegistry {

	private final ListableBeanFactory beanFactory;

	private final Supplier<@Nullable CacheManager> cacheManager;

	private final WarmerOverrides overrides;

	private volatile @Nullable Map<String, Warmup> warmers;

	WarmerRegistry(ListableBeanFactory beanFactory, Supplier<@Nullable CacheManager> cacheManager,
			WarmerOverrides overrides) {
		this.beanFactory = beanFactory;
		this.cacheManager = cacheManager;
		this.overrides = overrides;
	}

	/**
	 * Collects the warmers the first time they are needed: once every singleton exists,
	 * by the warming bean or by whoever asks first (meter binders bind at the same
	 * stage).
	 * @return the warmers by name
	 */
	Map<String, Warmup> resolved() {
		Map<String, Warmup> current = this.warmers;
		if (current == null) {
			synchronized (this) {
				current = this.warmers;
				if (current == null) {
					current = resolve();
					this.warmers = current;
				}
			}
		}
		return current;
	}

	/**
	 * Returns the state of every warmer, highest priority first.
	 * @return the warmers' states
	 */
	List<WarmerState> states() {
		return resolved().values()
			.stream()
			.map(Warmup::state)
			.sorted(Comparator.comparingInt((WarmerState state) -> -state.policy().priority())
				.thenComparing(WarmerState::name))
			.toList();
	}

	/**
	 * Returns a warmer by name.
	 * @param name the warmer's name
	 * @return the warmer, or {@code null} when there is no such warmer
	 */
	@Nullable Warmup find(String name) {
		return resolved().get(name);
	}

	/**
	 * Returns a warmer by name, which must exist.
	 * @param name the warmer's name
	 * @return the warmer
	 * @throws IllegalArgumentException if there is no such warmer
	 */
	Warmup get(String name) {
		Warmup warmup = resolved().get(name);
		Assert.isTrue(warmup != null,
				() -> "No warmer is called '" + name + "'; the warmers are " + new TreeSet<>(resolved().keySet()));
		return warmup;
	}

	private Map<String, Warmup> resolve() {
		List<WarmerDefinition> declared = new ArrayList<>();
		this.beanFactory.getBeansOfType(CacheWarmer.class)
			.forEach((beanName, warmer) -> declared.add(WarmerDefinition.of(warmer, beanName)));
		declared.addAll(WarmerMethods.find(this.beanFactory));
		Map<String, Warmup> resolved = new LinkedHashMap<>();
		for (WarmerDefinition definition : declared) {
			Warmup previous = resolved.get(definition.name());
			if (previous != null) {
				throw new InvalidCacheAnnotationException(definition.origin(),
						"its name '" + definition.name() + "' is also the name of " + previous.state().origin(),
						"Give each warmer its own name (@Warmer(name = ...) or CacheWarmer.name())", null);
			}
			if (!this.overrides.enabled(definition.name())) {
				continue;
			}
			checkCache(definition);
			WarmingPolicy policy = this.overrides.apply(definition.name(), definition.policy());
			resolved.put(definition.name(), new Warmup(definition,
					new WarmerState(definition.name(), definition.cache(), policy, definition.origin())));
		}
		Set<String> declaredNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		declared.forEach((definition) -> declaredNames.add(definition.name()));
		for (String configured : this.overrides.names()) {
			if (!declaredNames.contains(configured)) {
				throw new InvalidCacheAnnotationException("tiered-cache.warming.warmers." + configured,
						"no warmer is called '" + configured + "'; the warmers are " + declaredNames,
						"Use the name of a CacheWarmer bean or @Warmer method, or remove the entry", null);
			}
		}
		return Map.copyOf(resolved);
	}

	private void checkCache(WarmerDefinition definition) {
		String cache = definition.cache();
		if (cache != null && this.cacheManager.get() instanceof TieredCacheManager tiered && !tiered.isCreateOnDemand()
				&& !tiered.getCacheNames().contains(cache)) {
			throw new InvalidCacheAnnotationException(definition.origin(),
					"it fills cache '" + cache + "', which is not configured, and caches are not created on demand",
					"Declare the cache under tiered-cache.caches." + cache
							+ " or set tiered-cache.create-on-demand=true",
					null);
		}
	}

}
