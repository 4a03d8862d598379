package io.github.tieredcache.autoconfigure;

import java.util.stream.Collectors;

import io.github.tieredcache.warming.CacheWarmingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports start-up warming that failed with {@code tiered-cache.warming.fail-fast} set:
 * which warmers, why, and the settings that govern it.
 */
class CacheWarmingFailureAnalyzer extends AbstractFailureAnalyzer<CacheWarmingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CacheWarmingException cause) {
		String warmers = cause.getFailed()
			.stream()
			.map((state) -> "  " + state.name() + " (" + state.origin() + "): "
					+ ((state.lastError() != null) ? state.lastError() : state.status().toString()))
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(
				"Start-up cache warming did not succeed and tiered-cache.warming.fail-fast is "
						+ "true. Warmers not warmed:\n" + warmers,
				"Fix the warmer, raise its timeout (tiered-cache.warming.warmers.<name>.timeout) or "
						+ "tiered-cache.warming.startup-timeout, or set tiered-cache.warming.fail-fast=false to "
						+ "start with cold caches.",
				cause);
	}

}
