package io.github.tieredcache.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.util.StringUtils;

/**
 * Binds the meters of every cache of the given {@link TieredCacheManager}s, including
 * caches they create on demand after start-up, which Spring Boot's cache metrics (bound
 * once, at start-up) would otherwise miss. Meters are bound through a
 * {@link CacheMetricsRegistrar}, so they carry the same tags as those Spring Boot binds
 * (among them {@code cache.manager}, named as Spring Boot names it). A cache whose meters
 * are already registered (by Spring Boot at start-up) is not bound again.
 */
public class OnDemandCacheMetricsBinder implements SmartInitializingSingleton {

	private static final String CACHE_MANAGER_SUFFIX = "cacheManager";

	private final Supplier<Map<String, TieredCacheManager>> cacheManagers;

	private final Supplier<CacheMetricsRegistrar> registrar;

	private final Supplier<MeterRegistry> registry;

	/**
	 * Creates a binder.
	 * @param cacheManagers the cache managers, by bean name, resolved after all
	 * singletons are created
	 * @param registrar the registrar that binds a cache, resolved at the same time
	 * @param registry the registry the registrar binds to, to skip caches already bound
	 */
	public OnDemandCacheMetricsBinder(Supplier<Map<String, TieredCacheManager>> cacheManagers,
			Supplier<CacheMetricsRegistrar> registrar, Supplier<MeterRegistry> registry) {
		this.cacheManagers = cacheManagers;
		this.registrar = registrar;
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CacheMetricsRegistrar registrar = this.registrar.get();
		MeterRegistry registry = this.registry.get();
		this.cacheManagers.get().forEach((beanName, cacheManager) -> {
			Tag cacheManagerTag = Tag.of("cache.manager", cacheManagerName(beanName));
			Consumer<TieredCache> bind = (cache) -> {
				if (registry.find("cache.gets")
					.tags("cache", cache.getName())
					.tags(List.of(cacheManagerTag))
					.meter() == null) {
					registrar.bindCacheToRegistry(cache, cacheManagerTag);
				}
			};
			// Listen first, then bind what exists, so that no cache is missed
			cacheManager.onCacheCreated(bind);
			cacheManager.getCaches().forEach(bind);
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
