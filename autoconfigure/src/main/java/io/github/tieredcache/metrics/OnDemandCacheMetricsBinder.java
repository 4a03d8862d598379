package io.github.tieredcache.metrics;

import java.util.Map;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCacheManager;
import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.util.StringUtils;

/**
 * Binds the meters of every cache of the given {@link TieredCacheManager}s, including
 * caches they create on demand after start-up, which Spring Boot's cache metrics (bound
 * once, at start-up) would otherwise miss. Meters are bound through a
 * {@link CacheMetricsRegistrar}, so they carry the same tags as those Spring Boot binds
 * (among them {@code cache.manager}, named as Spring Boot names it). Binding a cache
 * again is harmless: a registry returns the meters it already has.
 */
public class OnDemandCacheMetricsBinder implements SmartInitializingSingleton {

	private static final String CACHE_MANAGER_SUFFIX = "cacheManager";

	private final Supplier<Map<String, TieredCacheManager>> cacheManagers;

	private final Supplier<CacheMetricsRegistrar> registrar;

	/**
	 * Creates a binder.
	 * @param cacheManagers the cache managers, by bean name, resolved after all
	 * singletons are created
	 * @param registrar the registrar that binds a cache, resolved at the same time
	 */
	public OnDemandCacheMetricsBinder(Supplier<Map<String, TieredCacheManager>> cacheManagers,
			Supplier<CacheMetricsRegistrar> registrar) {
		this.cacheManagers = cacheManagers;
		this.registrar = registrar;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CacheMetricsRegistrar registrar = this.registrar.get();
		this.cacheManagers.get().forEach((beanName, cacheManager) -> {
			Tag cacheManagerTag = Tag.of("cache.manager", cacheManagerName(beanName));
			// Listen first, then bind what exists: a cache created in between is bound
			// twice, which is harmless, rather than not at all
			cacheManager.onCacheCreated((cache) -> registrar.bindCacheToRegistry(cache, cacheManagerTag));
			cacheManager.getCaches().forEach((cache) -> registrar.bindCacheToRegistry(cache, cacheManagerTag));
		});
	}

	private static String cacheManagerName(String beanName) {
		if (beanName.length() > CACHE_MANAGER_SUFFIX.length()
				&& StringUtils.endsWithIgnoreCase(beanName, CACHE_MANAGER_SUFFIX)) {
			return beanName.substring(0, beanName.length() - CACHE_MANAGER_SUFFIX.length());
		}
		return beanName;
	}

}
