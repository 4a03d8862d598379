package io.github.tieredcache.autoconfigure;

/**
 * Thrown at start-up when the classpath has a Resilience4j older than the tiered cache
 * supports; {@link UnsupportedResilience4jVersionFailureAnalyzer} reports it with the
 * fix.
 */
class UnsupportedResilience4jVersionException extends IllegalStateException {

	private final Resilience4jVersion found;

	UnsupportedResilience4jVersionException(Resilience4jVersion found) {
		super("The tiered cache needs Resilience4j " + Resilience4jVersion.MINIMUM + " or later, but " + found.module()
				+ " is " + found.version() + ((found.location() != null) ? " (" + found.location() + ")" : ""));
		this.found = found;
	}

	Resilience4jVersion getFound() {
		return this.found;
	}

}
