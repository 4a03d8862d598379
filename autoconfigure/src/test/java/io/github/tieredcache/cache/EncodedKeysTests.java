package io.github.tieredcache.cache;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A cache remembers the encoded form of value keys it has seen, and must never hand out a
 * form other than the one the encoder would build for the key it is given.
 */
class EncodedKeysTests {

	private final KeyEncoder standard = KeyEncoder.standard();

	private final EncodedKeys keys = new EncodedKeys("products", this.standard, 100);

	@Test
	void equalValueKeysGetTheFormTheEncoderBuilds() {
		List<Object> firsts = List.of(1_000_042L, UUID.fromString("6f1c1f7e-3b7a-4c1e-9d0a-2f5c8a0b1e22"),
				new Query("shirts", 2, Sort.PRICE), LocalDate.of(2026, 12, 5), new SimpleKey(7L, "sku-1"), 'x', 1.5d);
		List<Object> equalCopies = List.of(Long.valueOf(1_000_042L),
				UUID.fromString("6f1c1f7e-3b7a-4c1e-9d0a-2f5c8a0b1e22"), new Query("shirts", 2, Sort.PRICE),
				LocalDate.parse("2026-12-05"), new SimpleKey(7L, "sku-1"), 'x', 1.5d);
		for (int i = 0; i < firsts.size(); i++) {
			String built = this.keys.encode(firsts.get(i));
			assertThat(built).isEqualTo(this.standard.encode("products", firsts.get(i)));
			assertThat(this.keys.encode(equalCopies.get(i))).isSameAs(built);
		}
	}

	@Test
	void valueKeysAreRecognised() {
		assertThat(StandardKeyEncoder.isValueKey(42L)).isTrue();
		assertThat(StandardKeyEncoder.isValueKey(UUID.randomUUID())).isTrue();
		assertThat(StandardKeyEncoder.isValueKey(new Query("shirts", 1, Sort.NAME))).isTrue();
		assertThat(StandardKeyEncoder.isValueKey(new Page(new Query("shirts", 1, Sort.NAME), 20))).isTrue();
		assertThat(StandardKeyEncoder.isValueKey(new SimpleKey(1L, "a", Sort.NAME))).isTrue();
		assertThat(StandardKeyEncoder.isValueKey(new ArrayList<>(List.of("a")))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new Date())).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new Tags(new ArrayList<>()))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new Anything(1L))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new Labelled("a"))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new CaseInsensitive("a"))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new SimpleKey(1L, null))).isFalse();
		assertThat(StandardKeyEncoder.isValueKey(new SimpleKey(1L, new ArrayList<>()))).isFalse();
	}

	@Test
	void aKeyChangedAfterUseIsEncodedAsItIsNow() {
		List<String> tags = new ArrayList<>(List.of("red"));
		Tags key = new Tags(tags);
		assertThat(this.keys.encode(key)).isEqualTo("Tags[tags=[red]]");
		assertThat(this.keys.encode(tags)).isEqualTo("~[red]");
		tags.add("blue");
		assertThat(this.keys.encode(new Tags(List.of("red", "blue")))).isEqualTo("Tags[tags=[red, blue]]");
		assertThat(this.keys.encode(List.of("red", "blue"))).isEqualTo("~[red,blue]");
		assertThat(this.keys.encode(List.of("red"))).isEqualTo("~[red]");
	}

	@Test
	void keysThatAHandWrittenEqualsCallsEqualKeepTheirOwnForms() {
		assertThat(this.keys.encode(new CaseInsensitive("ABC"))).isEqualTo("CaseInsensitive[code=ABC]");
		assertThat(this.keys.encode(new CaseInsensitive("abc"))).isEqualTo("CaseInsensitive[code=abc]");
	}

	@Test
	void manyMoreKeysThanSlotsAreAllEncodedRight() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 200_000; i++) {
			long id = random.nextLong(5_000);
			Object key = switch ((int) (id % 3)) {
				case 0 -> id;
				case 1 -> new Query("c" + id, (int) id, Sort.NAME);
				default -> new UUID(id, id * 31);
			};
			assertThat(this.keys.encode(key)).isEqualTo(this.standard.encode("products", key));
		}
	}

	@Test
	void concurrentCallersAlwaysGetTheirOwnKeysForm() {
		List<CompletableFuture<Void>> callers = IntStream.range(0, 2)
			.mapToObj((caller) -> CompletableFuture.runAsync(() -> {
				SplittableRandom random = new SplittableRandom(caller);
				for (int i = 0; i < 200_000; i++) {
					long id = random.nextLong(300);
					Object key = (id % 2 == 0) ? id : new Query("c", (int) id, Sort.PRICE);
					String encoded = this.keys.encode(key);
					if (!encoded.equals(this.standard.encode("products", key))) {
						throw new AssertionError(key + " was given " + encoded);
					}
				}
			}))
			.toList();
		callers.forEach(CompletableFuture::join);
	}

	@Test
	void aCustomEncoderIsAskedEveryTime() {
		AtomicInteger calls = new AtomicInteger();
		EncodedKeys custom = new EncodedKeys("products", (cache, key) -> {
			calls.incrementAndGet();
			return "k" + key;
		}, 100);
		custom.encode(42L);
		custom.encode(42L);
		assertThat(calls).hasValue(2);
	}

	@Test
	void aKeyWithoutAStableFormIsStillRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.keys.encode(new Object()))
			.withMessageContaining("Cache 'products' cannot use a key of type java.lang.Object");
	}

	enum Sort {

		NAME, PRICE

	}

	record Query(String category, int page, Sort sort) {
	}

	record Page(Query query, int size) {
	}

	record Tags(List<String> tags) {
	}

	record Anything(Object id) {
	}

	record CaseInsensitive(String code) {

		@Override
		public boolean equals(Object other) {
			return other instanceof CaseInsensitive key && key.code.equalsIgnoreCase(this.code);
		}

		@Override
		public int hashCode() {
			return this.code.toLowerCase(Locale.ROOT).hashCode();
		}

	}

	record Labelled(String label) {

		@Override
		public String toString() {
			return "label " + this.label;
		}

	}

}
