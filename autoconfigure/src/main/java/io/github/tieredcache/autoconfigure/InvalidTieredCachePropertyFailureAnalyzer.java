package io.github.tieredcache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidTieredCachePropertyException} as a start-up failure that names
 * the property, its value and the fix.
 */
class InvalidTieredCachePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTieredCachePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTieredCachePropertyException cause) {
		String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getProperty() + "': "
				+ cause.getReason() + ".";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
