package io.github.tieredcache.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The standard encoder decides how to encode each class of key once: the decision must
 * give the forms keys have always had in Redis, for subclasses too, on every call.
 */
class StandardKeyEncoderClassDecisionTests {

	private final KeyEncoder encoder = KeyEncoder.standard();

	private String encode(Object key) {
		return this.encoder.encode("products", key);
	}

	@Test
	void repeatedKeysOfTheCommonTypesKeepTheirForms() {
		record Query(String category, int page) {
		}
		UUID id = UUID.fromString("6f1c1f7e-3b7a-4c1e-9d0a-2f5c8a0b1e22");
		for (int i = 0; i < 3; i++) {
			assertThat(encode(1_000_042L)).isEqualTo("1000042");
			assertThat(encode(42)).isEqualTo("42");
			assertThat(encode(id)).isEqualTo("6f1c1f7e-3b7a-4c1e-9d0a-2f5c8a0b1e22");
			assertThat(encode(new Query("lamps", 2))).isEqualTo("Query[category=lamps, page=2]");
			assertThat(encode(new SimpleKey(1_000_042L, "SKU-7"))).isEqualTo("~(1000042,SKU-7)");
			assertThat(encode(new Object[] { 1L, "a,b" })).isEqualTo("~[1,a\\,b]");
			assertThat(encode(new long[] { 1L, 2L })).isEqualTo("~[1,2]");
		}
	}

	@Test
	void subclassesAreEncodedAsTheirKind() {
		assertThat(encode(Mode.WITH_BODY)).isEqualTo("WITH_BODY");
		assertThat(encode(new ArrayList<>(List.of("a", "b")) {
		})).isEqualTo("~[a,b]");
		assertThat(encode(new SimpleKey("a", "b") {
		})).isEqualTo("~(a,b)");
	}

	@Test
	void aTypeWithoutStableStringFormStaysRejected() {
		for (int i = 0; i < 2; i++) {
			assertThatIllegalArgumentException().isThrownBy(() -> encode(new Object()))
				.withMessageContaining("java.lang.Object");
		}
	}

	enum Mode {

		WITH_BODY {
			@Override
			public String toString() {
				return "not the name";
			}
		}

	}

}
