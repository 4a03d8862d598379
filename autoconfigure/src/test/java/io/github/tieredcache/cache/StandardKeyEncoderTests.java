package io.github.tieredcache.cache;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The standard key encoding: readable for plain keys, unambiguous for composite ones.
 */
class StandardKeyEncoderTests {

	private final KeyEncoder encoder = KeyEncoder.standard();

	private String encode(Object key) {
		return this.encoder.encode("products", key);
	}

	@Test
	void plainKeysAreWrittenAsThemselves() {
		UUID id = UUID.fromString("6f1c1f7e-3b7a-4c1e-9d0a-2f5c8a0b1e22");
		assertThat(encode("lamp")).isEqualTo("lamp");
		assertThat(encode(42)).isEqualTo("42");
		assertThat(encode(42L)).isEqualTo("42");
		assertThat(encode(true)).isEqualTo("true");
		assertThat(encode(id)).isEqualTo(id.toString());
		assertThat(encode(LocalDate.of(2026, 1, 31))).isEqualTo("2026-01-31");
		assertThat(encode(Thread.State.NEW)).isEqualTo("NEW");
	}

	@Test
	void multiArgumentKeysAreUnambiguous() {
		assertThat(encode(new SimpleKey("a", "b"))).isEqualTo("~(a,b)");
		assertThat(encode(new SimpleKey("a,b"))).isEqualTo("~(a\\,b)");
		assertThat(encode(new SimpleKey("a", "b"))).isNotEqualTo(encode(new SimpleKey("a,b")));
		assertThat(encode(SimpleKey.EMPTY)).isEqualTo("~()");
	}

	@Test
	void nullArgumentsDifferFromTheStringNull() {
		assertThat(encode(new SimpleKey("a", null))).isNotEqualTo(encode(new SimpleKey("a", "null")));
		assertThat(encode(new SimpleKey((Object) null))).isEqualTo("~(~null)");
	}

	@Test
	void plainStringsCannotImitateEncodedKeys() {
		assertThat(encode("~(a,b)")).isEqualTo("~~(a,b)");
		assertThat(encode("~(a,b)")).isNotEqualTo(encode(new SimpleKey("a", "b")));
		assertThat(encode("~null")).isNotEqualTo(encode(new SimpleKey((Object) null)));
	}

	@Test
	void nestedCompositesCannotBeConfusedWithFlatOnes() {
		Object nested = new SimpleKey(List.of("a", "b"), "c");
		Object flat = new SimpleKey("a", "b", "c");
		Object nestedTail = new SimpleKey("a", List.of("b", "c"));
		assertThat(Set.of(encode(nested), encode(flat), encode(nestedTail))).hasSize(3);
	}

	@Test
	void arraysAndListsOfTheSameElementsShareAnEncodingDistinctFromMultipleArguments() {
		assertThat(encode(new String[] { "a", "b" })).isEqualTo(encode(List.of("a", "b")));
		assertThat(encode(new int[] { 1, 2 })).isEqualTo("~[1,2]");
		assertThat(encode(List.of("a", "b"))).isNotEqualTo(encode(new SimpleKey("a", "b")));
		assertThat(encode(new SimpleKey(new Object[] { new String[] { "a" } })))
			.isNotEqualTo(encode(new SimpleKey("a")));
	}

	@Test
	void setsAndMapsDoNotDependOnIterationOrder() {
		Set<String> hashSet = new HashSet<>(List.of("x", "y", "z"));
		Set<String> linked = new LinkedHashSet<>(List.of("z", "y", "x"));
		assertThat(encode(hashSet)).isEqualTo(encode(linked));
		Map<String, Integer> map = new LinkedHashMap<>();
		map.put("b", 2);
		map.put("a", 1);
		assertThat(encode(map)).isEqualTo(encode(new TreeMap<>(map))).isEqualTo("~m{a=1,b=2}");
		assertThat(encode(Map.of("a=1", "x"))).isNotEqualTo(encode(Map.of("a", "1=x")));
	}

	@Test
	void emptyElementsDifferFromNoElements() {
		assertThat(encode(List.of())).isNotEqualTo(encode(List.of("")));
		assertThat(encode(new SimpleKey((Object) new String[0])))
			.isNotEqualTo(encode(new SimpleKey((Object) new String[] { "" })));
		assertThat(encode(Set.of())).isNotEqualTo(encode(Map.of()));
		assertThat(encode(List.of("~e"))).isNotEqualTo(encode(List.of("")));
	}

	@Test
	void datesKeepTheirMillisecondsAndDoNotDependOnTheTimeZone() {
		assertThat(encode(new Date(1000))).isEqualTo("1970-01-01T00:00:01Z");
		assertThat(encode(new Date(1999))).isEqualTo("1970-01-01T00:00:01.999Z");
	}

	@Test
	void recordsUseTheirComponents() {
		record Criteria(String category, int page) {
		}
		assertThat(encode(new Criteria("lamps", 2))).isEqualTo("Criteria[category=lamps, page=2]");
		assertThat(encode(new Criteria("lamps", 2))).isNotEqualTo(encode(new Criteria("lamps", 3)));
	}

	@Test
	void recordsAreWrittenExactlyAsTheirGeneratedToStringWouldBe() {
		record Everything(String text, @Nullable String missing, int number, long big, double ratio, float small,
				char letter, boolean flag, byte tiny, short medium, List<String> tags, LocalDate day, Nested nested) {
		}
		Everything key = new Everything("~lamps, [x]", null, -3, Long.MAX_VALUE, 0.1, 1.5f, 'q', true, (byte) 7,
				(short) -2, List.of("a", "b"), LocalDate.of(2026, 12, 4), new Nested("inner", 1));
		assertThat(encode(key)).isEqualTo(key.toString());
		Everything other = new Everything("lamps", "here", 0, 0, Double.NaN, -0.0f, '\u00e9', false, (byte) 0,
				(short) 0, List.of(), LocalDate.of(1970, 1, 1), new Nested(null, 0));
		assertThat(encode(other)).isEqualTo(other.toString());
	}

	@Test
	void recordsWithTheirOwnToStringOrAccessorsKeepTheirToString() {
		assertThat(encode(new Labelled("shirts", 2))).isEqualTo("q:shirts:2");
		assertThat(encode(new Shouting("shirts"))).isEqualTo(new Shouting("shirts").toString())
			.isEqualTo("Shouting[word=shirts]");
	}

	record Nested(@Nullable String name, int rank) {
	}

	record Labelled(String category, int page) {

		@Override
		public final String toString() {
			return "q:" + this.category + ":" + this.page;
		}

	}

	record Shouting(String word) {

		@Override
		public String word() {
			return this.word.toUpperCase(java.util.Locale.ROOT);
		}

	}

	@Test
	void keyWithoutStableStringFormIsRejectedWithTheFix() {
		Object key = new Object();
		assertThatIllegalArgumentException().isThrownBy(() -> encode(key))
			.withMessageContaining("Cache 'products'")
			.withMessageContaining("java.lang.Object")
			.withMessageContaining("toString()")
			.withMessageContaining("key = ")
			.withMessageContaining(KeyEncoder.class.getName());
	}

	@Test
	void keyWithoutStableStringFormIsRejectedInsideCompositeKeysToo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> encode(new SimpleKey("a", new ArrayList<>(List.of(new Object())))));
		assertThatIllegalArgumentException().isThrownBy(() -> encode(Arrays.asList("a", new Object())));
	}

}
