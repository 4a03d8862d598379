package io.github.tieredcache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a Resilience4j too old for the tiered cache: the version found, where it comes
 * from, and how to get a supported one when a BOM (Spring Cloud's, for example) pins an
 * older one.
 */
class UnsupportedResilience4jVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedResilience4jVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedResilience4jVersionException cause) {
		Resilience4jVersion found = cause.getFound();
		String description = "The tiered cache's Redis circuit breaker needs Resilience4j "
				+ Resilience4jVersion.MINIMUM + " or later, but the classpath has " + found.module() + " "
				+ found.version() + ((found.location() != null) ? "\n  from " + found.location() : "") + ".";
		String recommended = Resilience4jVersion.RECOMMENDED;
		String action = "Use Resilience4j " + Resilience4jVersion.MINIMUM + " or later, such as " + recommended
				+ ". With Maven, import io.github.resilience4j:resilience4j-bom:" + recommended
				+ " in <dependencyManagement> before the BOM that brings the old version (the first import wins), "
				+ "or manage io.github.resilience4j:resilience4j-circuitbreaker and resilience4j-core at " + recommended
				+ "; with Gradle, add platform('io.github.resilience4j:resilience4j-bom:" + recommended
				+ "'). 'mvn dependency:tree -Dincludes=io.github.resilience4j' shows which dependency brings "
				+ found.version() + ".";
		return new FailureAnalysis(description, action, cause);
	}

}
