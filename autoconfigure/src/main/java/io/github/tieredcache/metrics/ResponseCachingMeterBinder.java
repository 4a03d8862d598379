package io.github.tieredcache.metrics;

import io.github.tieredcache.http.ResponseCacheOutcome;
import io.github.tieredcache.http.ResponseCaching;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of HTTP response caching: requests to {@code @CachedResponse} methods by
 * {@code result} ({@code hit}, {@code not_modified}, {@code miss}, {@code bypass}) and
 * {@code reason}, and entries replaced at a client's {@code Cache-Control: no-cache}.
 * Every tag has a fixed set of values.
 */
public final class ResponseCachingMeterBinder implements MeterBinder {

	private final ResponseCaching caching;

	/**
	 * Creates a binder.
	 * @param caching response caching
	 */
	public ResponseCachingMeterBinder(ResponseCaching caching) {
		this.caching = caching;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ResponseCacheOutcome outcome : ResponseCacheOutcome.values()) {
			FunctionCounter.builder("tiered.cache.http.responses", this.caching, (caching) -> caching.count(outcome))
				.tag("result", outcome.result())
				.tag("reason", outcome.reason())
				.description("Requests to @CachedResponse methods, by how they were answered")
				.register(registry);
		}
		FunctionCounter.builder("tiered.cache.http.refreshes", this.caching, ResponseCaching::refreshes)
			.description("Stored responses replaced because a client sent Cache-Control: no-cache")
			.register(registry);
		FunctionCounter
			.builder("tiered.cache.http.stale.responses.prevented", this.caching,
					ResponseCaching::staleResponsesPrevented)
			.description("Responses not stored because their key was written or invalidated while the handler ran")
			.register(registry);
	}

}
