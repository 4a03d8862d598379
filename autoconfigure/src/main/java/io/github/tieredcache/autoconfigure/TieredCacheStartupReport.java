package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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

	private final boolean remoteTierAvailable;

	TieredCacheStartupReport(Supplier<Map<String, TieredCacheManager>> cacheManagers, boolean remoteTierAvailable) {
		this.cacheManagers = cacheManagers;
		this.remoteTierAvailable = remoteTierAvailable;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			this.cacheManagers.get()
				.forEach((name, manager) -> logger.info(describe(name, manager, this.remoteTierAvailable)));
		}
	}

	static String describe(String beanName, TieredCacheManager manager, boolean remoteTierAvailable) {
		List<TieredCache> caches = manager.getCaches()
			.stream()
			.sorted(Comparator.comparing(TieredCache::getName))
			.toList();
		StringBuilder line = new StringBuilder("Tiered cache manager '").append(beanName)
			.append("': ")
			.append(caches.size())
			.append((caches.size() == 1) ? " cache" : " caches");
		if (!caches.isEmpty()) {
			line.append(": ")
				.append(caches.stream()
					.map((cache) -> cache.getName() + " " + tiers(cache.spec(), cache.remoteTier() != null))
					.collect(Collectors.joining(", ")));
		}
		CacheSpec defaults = manager.getDefaults();
		line.append(manager.isCreateOnDemand()
				? "; other caches created on first use " + tiers(defaults, remoteTierAvailable && defaults.l2Enabled())
				: "; no other caches are created");
		return line.toString();
	}

	private static String tiers(CacheSpec spec, boolean l2) {
		StringBuilder tiers = new StringBuilder("(ttl ").append(format(spec.ttl()));
		if (spec.l1Enabled()) {
			tiers.append("; L1 ")
				.append(spec.l1MaxSize())
				.append(" entries for ")
				.append(format(spec.effectiveL1Ttl()));
		}
		if (l2) {
			tiers.append("; L2 Redis");
		}
		return tiers.append(")").toString();
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
