package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs one INFO line per {@link TieredCacheManager} once the application's singletons
 * exist: its caches with their tiers and TTLs, and what caches created on demand get.
 */
class TieredCacheStartupReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TieredCacheStartupReport.class);

	private final Supplier<Map<String, TieredCacheManager>> cacheManagers;

	TieredCacheStartupReport(Supplier<Map<String, TieredCacheManager>> cacheManagers) {
		this.cacheManagers = cacheManagers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			this.cacheManagers.get().forEach((name, manager) -> logger.info(describe(name, manager)));
		}
	}

	static String describe(String beanName, TieredCacheManager manager) {
		String caches = manager.getCaches()
			.stream()
			.map(TieredCache::spec)
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.map((spec) -> spec.name() + " (" + tiers(spec) + ")")
			.collect(Collectors.joining(", "));
		int count = manager.getCaches().size();
		String onDemand = manager.isCreateOnDemand()
				? "; other caches created on first use with " + tiers(manager.getDefaults())
				: "; no other caches are created";
		return "Tiered cache manager '" + beanName + "': " + count + ((count == 1) ? " cache" : " caches")
				+ ((count > 0) ? ": " + caches : "") + onDemand;
	}

	private static String tiers(CacheSpec spec) {
		StringBuilder tiers = new StringBuilder();
		if (spec.l1Enabled()) {
			tiers.append("L1 ").append(spec.l1MaxSize()).append(" entries ").append(format(spec.effectiveL1Ttl()));
		}
		if (spec.l2Enabled()) {
			tiers.append(spec.l1Enabled() ? " + " : "").append("L2 Redis ").append(format(spec.ttl()));
		}
		else {
			tiers.append(", ttl ").append(format(spec.ttl()));
		}
		return tiers.toString();
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		long[] units = { 86_400_000, 3_600_000, 60_000, 1_000 };
		String[] suffixes = { "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (millis >= units[i] && millis % units[i] == 0) {
				return (millis / units[i]) + suffixes[i];
			}
		}
		return millis + "ms";
	}

}
