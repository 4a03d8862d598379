package io.github.tieredcache.compatibility;

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

	@Test
	void startUpFailsWithAnAnalysisNamingTheVersionFoundAndTheFix(CapturedOutput output) {
		String version = Resilience4jUnderTest.version();
		// Nothing listens on port 1: the version check comes before any Redis call
		assertThatException()
			.isThrownBy(() -> CacheApplication.start("redis://127.0.0.1:1", CacheApplication.uniqueKeyPrefix()))
			.satisfies((ex) -> assertThat(rootCause(ex).getClass().getName())
				.isEqualTo("io.github.tieredcache.autoconfigure.UnsupportedResilience4jVersionException"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The tiered cache's Redis circuit breaker needs Resilience4j 2.2.0 or later, but the classpath "
					+ "has resilience4j-circuitbreaker " + version)
			.contains("resilience4j-circuitbreaker-" + version + ".jar")
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
