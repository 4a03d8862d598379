package io.github.tieredcache.compatibility;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application with the tiered cache on a Resilience4j older than it supports
 * ({@code tiered-cache.test.resilience4j-version}, its own surefire execution): start-up
 * fails with a report naming the version and the fix, never a {@link NoSuchMethodError}
 * later on.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsupportedResilience4jTests {

	private static final String VERSION_UNDER_TEST = System.getProperty("tiered-cache.test.resilience4j-version", "");

	@Test
	void classpathHasTheResilience4jVersionUnderTest() {
		assertThat(VERSION_UNDER_TEST).as("system property tiered-cache.test.resilience4j-version").isNotBlank();
		assertThat(CircuitBreaker.class.getPackage().getImplementationVersion()).isEqualTo(VERSION_UNDER_TEST);
	}

	@Test
	void startUpFailsWithAnAnalysisNamingTheVersionFoundAndTheFix(CapturedOutput output) {
		// Nothing listens on port 1: the version check comes before any Redis call
		assertThatException()
			.isThrownBy(() -> CacheApplication.start("redis://127.0.0.1:1", CacheApplication.uniqueKeyPrefix()))
			.satisfies((ex) -> assertThat(rootCause(ex).getClass().getName())
				.isEqualTo("io.github.tieredcache.autoconfigure.UnsupportedResilience4jVersionException"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The tiered cache's Redis circuit breaker needs Resilience4j 2.2.0 or later, but the classpath "
					+ "has resilience4j-circuitbreaker " + VERSION_UNDER_TEST)
			.contains("resilience4j-circuitbreaker-" + VERSION_UNDER_TEST + ".jar")
			.contains("import io.github.resilience4j:resilience4j-bom:2.4.0 in <dependencyManagement>")
			.doesNotContain("NoSuchMethodError");
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
