package io.github.tieredcache.metrics;

import io.github.tieredcache.cache.TieredCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * Lets Spring Boot's cache metrics bind {@link TieredCache}s with a
 * {@link TieredCacheMeterBinder}. Stateless and thread-safe.
 */
public class TieredCacheMeterBinderProvider implements CacheMeterBinderProvider<TieredCache> {

	@Override
	public MeterBinder getMeterBinder(TieredCache cache, Iterable<Tag> tags) {
		return new TieredCacheMeterBinder(cache, tags);
	}

}
