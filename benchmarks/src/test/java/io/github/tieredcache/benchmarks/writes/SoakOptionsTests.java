package io.github.tieredcache.benchmarks.writes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SoakOptionsTests {

	@TempDir
	Path directory;

	@Test
	void defaultsAreThreeInstancesTwoMinutesAndThreeKills() throws Exception {
		Path jar = Files.createFile(this.directory.resolve("app.jar"));

		SoakOptions options = SoakOptions.parse(new String[] { "--app-jar=" + jar });

		assertThat(options.instances()).isEqualTo(3);
		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.kills()).isEqualTo(3);
		assertThat(options.keys()).isEqualTo(200);
		assertThat(options.claimAfter()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.javaOptions()).contains("-Xmx256m");
	}

	@Test
	void durationsTakeMillisecondsSecondsMinutesOrIsoForm() throws Exception {
		Path jar = Files.createFile(this.directory.resolve("app.jar"));

		SoakOptions options = SoakOptions.parse(new String[] { "--app-jar=" + jar, "--duration=2m",
				"--claim-after=1500ms", "--kills=5", "--java-options=-Xmx512m  -XX:+UseG1GC" });

		assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.claimAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(options.kills()).isEqualTo(5);
		assertThat(options.javaOptions()).containsExactly("-Xmx512m", "-XX:+UseG1GC");
		assertThat(SoakOptions.parse(new String[] { "--app-jar=" + jar, "--duration=PT90S" }).duration())
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void refusesUnknownArgumentsAMissingJarAndASingleInstance() throws Exception {
		Path jar = Files.createFile(this.directory.resolve("app.jar"));

		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse(new String[] { "--kill=3" }))
			.withMessageContaining("--kill=3");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SoakOptions.parse(new String[] { "--app-jar=" + this.directory.resolve("none.jar") }))
			.withMessageContaining("none.jar")
			.withMessageContaining("package");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SoakOptions.parse(new String[] { "--app-jar=" + jar, "--instances=1" }))
			.withMessageContaining("--instances");
	}

}
