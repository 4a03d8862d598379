package io.github.tieredcache.compatibility;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.Registry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Resilience4j version a surefire execution puts on the classpath in place of the
 * project's, from the system property {@code tiered-cache.test.resilience4j-version}.
 */
final class Resilience4jUnderTest {

	private Resilience4jUnderTest() {
	}

	/**
	 * Returns the version after checking that both Resilience4j jars on the classpath are
	 * that version, so that a test never passes on the project's own by mistake.
	 * @return the version
	 */
	static String version() {
		String version = System.getProperty("tiered-cache.test.resilience4j-version", "");
		assertThat(version).as("system property tiered-cache.test.resilience4j-version").isNotBlank();
		assertThat(CircuitBreaker.class.getPackage().getImplementationVersion()).as("resilience4j-circuitbreaker")
			.isEqualTo(version);
		assertThat(Registry.class.getPackage().getImplementationVersion()).as("resilience4j-core").isEqualTo(version);
		return version;
	}

}
