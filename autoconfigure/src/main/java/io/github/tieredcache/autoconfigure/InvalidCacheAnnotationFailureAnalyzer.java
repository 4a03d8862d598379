package io.github.tieredcache.autoconfigure;

import io.github.tieredcache.expression.InvalidCacheAnnotationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidCacheAnnotationException} (a {@code @Cached} or
 * {@code @InvalidateOn} annotation, or an invalidation rule, that cannot work) with the
 * method or property and the fix.
 */
class InvalidCacheAnnotationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCacheAnnotationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCacheAnnotationException cause) {
		return new FailureAnalysis(cause.getLocation() + ": " + cause.getReason() + ".", cause.getAction() + ".",
				cause);
	}

}
