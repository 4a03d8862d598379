package io.github.tieredcache.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link Resilience4jVersion} and
 * {@link UnsupportedResilience4jVersionFailureAnalyzer}. Whole applications on older
 * Resilience4j versions start in the {@code compatibility-tests} module.
 */
class Resilience4jVersionTests {

	@ParameterizedTest(name = "{0} supported: {1}")
	@CsvSource(textBlock = """
			1.7.1,          false
			2.0.2,          false
			2.1.0,          false
			2.2.0,          true
			2.3.0,          true
			2.4.0,          true
			2.10.0-SNAPSHOT,true
			3.0.0,          true
			""")
	void versionsFromTwoPointTwoOnAreSupported(String version, boolean supported) {
		assertThat(Resilience4jVersion.atLeastMinimum(version)).isEqualTo(supported);
	}

	@Test
	void versionOnTheBuildClasspathIsReadFromItsManifestAndSupported() {
		Resilience4jVersion found = Resilience4jVersion.of("resilience4j-circuitbreaker", CircuitBreaker.class);
		assertThat(found.version()).isEqualTo(Resilience4jVersion.RECOMMENDED);
		assertThat(found.location()).contains("resilience4j-circuitbreaker");
		assertThat(found.supported()).isTrue();
		assertThatNoException().isThrownBy(Resilience4jVersion::requireSupported);
	}

	@Test
	void tooOldVersionIsReportedWithTheVersionItsJarAndTheFix() {
		Resilience4jVersion found = new Resilience4jVersion("resilience4j-circuitbreaker", "2.1.0",
				"file:/repo/resilience4j-circuitbreaker-2.1.0.jar", false);
		UnsupportedResilience4jVersionException ex = new UnsupportedResilience4jVersionException(found);
		FailureAnalysis analysis = new UnsupportedResilience4jVersionFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("Resilience4j 2.2.0 or later")
			.contains("resilience4j-circuitbreaker 2.1.0")
			.contains("file:/repo/resilience4j-circuitbreaker-2.1.0.jar");
		assertThat(analysis.getAction()).contains("io.github.resilience4j:resilience4j-bom:2.4.0")
			.contains("dependency:tree");
	}

}
