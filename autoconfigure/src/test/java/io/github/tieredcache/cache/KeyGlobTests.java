package io.github.tieredcache.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link KeyGlob}: L1 must remove exactly the keys Redis {@code SCAN MATCH}
 * removes.
 */
class KeyGlobTests {

	@Test
	void starAndQuestionMarkMatchLikeRedis() {
		KeyGlob glob = KeyGlob.compile("user:*:v?");
		assertThat(glob.matches("user:42:v1")).isTrue();
		assertThat(glob.matches("user::v2")).isTrue();
		assertThat(glob.matches("user:42:v10")).isFalse();
		assertThat(glob.matches("admin:42:v1")).isFalse();
	}

	@Test
	void characterClassesRangesAndNegation() {
		assertThat(KeyGlob.compile("k[ab]").matches("kb")).isTrue();
		assertThat(KeyGlob.compile("k[ab]").matches("kc")).isFalse();
		assertThat(KeyGlob.compile("k[a-c]").matches("kb")).isTrue();
		assertThat(KeyGlob.compile("k[^a]").matches("ka")).isFalse();
		assertThat(KeyGlob.compile("k[^a]").matches("kd")).isTrue();
		assertThat(KeyGlob.compile("k[d]").matches("k1")).isFalse();
	}

	@Test
	void regexCharactersAndEscapesAreLiteral() {
		assertThat(KeyGlob.compile("a.b+(c)").matches("a.b+(c)")).isTrue();
		assertThat(KeyGlob.compile("a.b").matches("axb")).isFalse();
		assertThat(KeyGlob.compile("a\\*").matches("a*")).isTrue();
		assertThat(KeyGlob.compile("a\\*").matches("ab")).isFalse();
	}

	@Test
	void anUnclosedClassIsRejectedWithTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyGlob.compile("user[1"))
			.withMessageContaining("never closes")
			.withMessageContaining("\\[");
	}

	@Test
	void onlyStringKeysCanMatch() {
		assertThat(KeyGlob.compile("*").matches(42)).isFalse();
	}

}
