package io.github.tieredcache.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadOptionsTests {

	@Test
	void defaults() {
		LoadOptions options = LoadOptions.parse("--base-url=http://localhost:8080");
		assertThat(options.threads()).isEqualTo(8);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.writeRatio()).isEqualTo(0.02);
		assertThat(options.zipfExponent()).isEqualTo(1.0);
		assertThat(options.chains()).hasSize(20);
		assertThat(options.reportJson()).isNull();
	}

	@Test
	void severalInstancesAreSeparatedByCommas() {
		LoadOptions options = LoadOptions.parse("--base-url=http://localhost:8080, http://localhost:8081");
		assertThat(options.baseUrls()).containsExactly(URI.create("http://localhost:8080"),
				URI.create("http://localhost:8081"));
	}

	@Test
	void bothArgumentFormsAndDurations() {
		LoadOptions options = LoadOptions.parse("--base-url", "http://h:1", "--threads=2", "--duration", "2m",
				"--warmup=500ms", "--zipf=0.8", "--chains=a, b,c", "--write-ratio=0.05");
		assertThat(options.threads()).isEqualTo(2);
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.zipfExponent()).isEqualTo(0.8);
		assertThat(options.chains()).isEqualTo(List.of("a", "b", "c"));
		assertThat(options.writeRatio()).isEqualTo(0.05);
	}

	@Test
	void errorsNameTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--threads=2"))
			.withMessageContaining("--base-url is required");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--base-url=x", "--write-ratio=2"))
			.withMessageContaining("--write-ratio");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--base-url=x", "--duration=soon"))
			.withMessageContaining("--duration");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--base-url=x", "--colour=red"))
			.withMessageContaining("--colour");
	}

}
