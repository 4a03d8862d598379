package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.tieredcache.write.WriteBehindSettings;
import org.jspecify.annotations.Nullable;

/**
 * Merges {@code tiered-cache.defaults.write-behind} with each
 * {@code tiered-cache.caches.<name>.write-behind} into immutable
 * {@link WriteBehindSettings}, once, at start-up; a value the library rejects is reported
 * under the property that set it.
 */
final class WriteBehindSettingsResolver implements Function<String, WriteBehindSettings> {

	private final WriteBehindSettings defaults;

	private final Map<String, WriteBehindSettings> caches = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	WriteBehindSettingsResolver(TieredCacheProperties properties) {
		TieredCacheProperties.Defaults.WriteBehind defaults = properties.getDefaults().getWriteBehind();
		this.defaults = resolve(WriteBehindSettings.defaults(), "tiered-cache.defaults.write-behind.",
				defaults.getDelay(), defaults.getMaxAttempts(), defaults.getBatchSize(), defaults.getConcurrency());
		properties.getCaches().forEach((name, overrides) -> {
			TieredCacheProperties.CacheOverrides.WriteBehind cache = overrides.getWriteBehind();
			this.caches.put(name, resolve(this.defaults, "tiered-cache.caches." + name + ".write-behind.",
					cache.getDelay(), cache.getMaxAttempts(), cache.getBatchSize(), cache.getConcurrency()));
		});
	}

	@Override
	public WriteBehindSettings apply(String cacheName) {
		return this.caches.getOrDefault(cacheName, this.defaults);
	}

	private static WriteBehindSettings resolve(WriteBehindSettings base, String prefix, @Nullable Duration delay,
			@Nullable Integer maxAttempts, @Nullable Integer batchSize, @Nullable Integer concurrency) {
		WriteBehindSettings settings = base;
		settings = set(settings, prefix + "delay", delay, "a duration from 0 to 1d, such as 1s or 500ms",
				(s) -> s.withDelay(delay));
		settings = set(settings, prefix + "max-attempts", maxAttempts, "a number from 1 to 100, such as 5",
				(s) -> s.withMaxAttempts(maxAttempts));
		settings = set(settings, prefix + "batch-size", batchSize, "a number from 1 to 10000, such as 100",
				(s) -> s.withBatchSize(batchSize));
		return set(settings, prefix + "concurrency", concurrency, "a number from 1 to 256, such as 4",
				(s) -> s.withConcurrency(concurrency));
	}

	private static WriteBehindSettings set(WriteBehindSettings settings, String property, @Nullable Object value,
			String fix, UnaryOperator<WriteBehindSettings> with) {
		return (value != null) ? PropertyRules.build(property, value, fix, () -> with.apply(settings)) : settings;
	}

}
