package io.github.tieredcache.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.tieredcache.serialization.fixtures.Catalog;
import io.github.tieredcache.serialization.fixtures.Color;
import io.github.tieredcache.serialization.fixtures.Product;
import io.github.tieredcache.serialization.fixtures.Tag;
import io.github.tieredcache.serialization.untrusted.LibraryList;
import io.github.tieredcache.serialization.untrusted.Unlisted;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link CacheValueSerializer} must do, run against each format.
 */
abstract class CacheValueSerializerContractTests {

	static final String FIXTURES = "io.github.tieredcache.serialization.fixtures";

	static final String UNTRUSTED = "io.github.tieredcache.serialization.untrusted";

	static final TypeAllowList ALLOW_LIST = TypeAllowList.of(List.of(FIXTURES));

	final CacheValueSerializer serializer = create(ALLOW_LIST);

	abstract CacheValueSerializer create(TypeAllowList allowList);

	static Product product(String sku) {
		return new Product(sku, "Product " + sku, new BigDecimal("19.90"), 42L, Color.GREEN,
				List.of(new Tag("new"), new Tag("sale")), Instant.parse("2025-01-02T03:04:05.123456789Z"));
	}

	Object roundTrip(Object value) {
		byte[] bytes = this.serializer.serialize(value);
		assertThat(bytes).isNotEmpty();
		return this.serializer.deserialize(bytes);
	}

	void assertRoundTrips(Object value) {
		Object back = roundTrip(value);
		assertThat(back).isEqualTo(value);
	}

	@Test
	void stringRoundTrips() {
		assertRoundTrips("Grüße, 世界");
	}

	@Test
	void longComesBackAsLongNotInteger() {
		assertThat(roundTrip(5L)).isInstanceOf(Long.class).isEqualTo(5L);
		assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void otherNumbersKeepTheirTypes() {
		assertThat(roundTrip(7)).isInstanceOf(Integer.class).isEqualTo(7);
		assertThat(roundTrip(2.5d)).isInstanceOf(Double.class).isEqualTo(2.5d);
		assertThat(roundTrip(2.5f)).isInstanceOf(Float.class).isEqualTo(2.5f);
		assertThat(roundTrip((short) 3)).isInstanceOf(Short.class).isEqualTo((short) 3);
		assertThat(roundTrip((byte) 4)).isInstanceOf(Byte.class).isEqualTo((byte) 4);
	}

	@Test
	void bigDecimalKeepsItsScale() {
		assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
		assertRoundTrips(new BigInteger("123456789012345678901234567890"));
	}

	@Test
	void booleanCharacterAndUuidRoundTrip() {
		assertRoundTrips(true);
		assertRoundTrips('x');
		assertRoundTrips(UUID.randomUUID());
	}

	@Test
	void javaTimeValuesRoundTrip() {
		assertRoundTrips(Instant.parse("2025-01-02T03:04:05.123456789Z"));
		assertRoundTrips(LocalDate.of(2025, 2, 28));
	}

	@Test
	void enumsRoundTrip() {
		assertRoundTrips(Color.BLUE);
		assertRoundTrips(EnumSet.of(Color.RED, Color.BLUE));
	}

	@Test
	void byteAndPrimitiveArraysRoundTrip() {
		byte[] bytes = { 1, 2, 3, -1 };
		assertThat(roundTrip(bytes)).isEqualTo(bytes);
		int[] ints = { 1, -2, 3 };
		assertThat(roundTrip(ints)).isEqualTo(ints);
		long[] longs = { Long.MIN_VALUE, 0, Long.MAX_VALUE };
		assertThat(roundTrip(longs)).isEqualTo(longs);
	}

	@Test
	void recordRoundTrips() {
		assertRoundTrips(product("A-1"));
	}

	@Test
	void nestedRecordsWithListsAndMapsRoundTrip() {
		Catalog catalog = new Catalog("Spring", product("A-1"), List.of(product("A-1"), product("B-2")),
				Map.of("new", new Tag("new"), "sale", new Tag("sale")));
		assertRoundTrips(catalog);
	}

	@Test
	void immutableJdkCollectionsRoundTripWithEqualContent() {
		assertRoundTrips(List.of(product("A-1"), product("B-2")));
		assertRoundTrips(List.of(1L, 2L, 3L));
		assertRoundTrips(Set.of("a", "b", "c"));
		assertRoundTrips(Map.of("a", product("A-1"), "b", product("B-2")));
		assertRoundTrips(List.of());
		assertRoundTrips(Map.of());
	}

	@Test
	void wrappedAndArrayBackedCollectionsRoundTripWithEqualContent() {
		assertRoundTrips(Collections.unmodifiableList(new ArrayList<>(List.of(Color.RED, Color.BLUE))));
		assertRoundTrips(Arrays.asList("x", "y"));
		assertRoundTrips(Collections.unmodifiableMap(new HashMap<>(Map.of("k", 1L))));
		assertRoundTrips(Collections.singletonList(new Tag("only")));
		assertRoundTrips(Collections.emptySet());
	}

	@Test
	void sortedCollectionsComeBackSorted() {
		Object set = roundTrip(Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("b", "c", "a"))));
		assertThat(set).isInstanceOf(TreeSet.class);
		assertThat(new ArrayList<>((TreeSet<?>) set)).isEqualTo(List.of("a", "b", "c"));
		Object map = roundTrip(new TreeMap<>(Map.of("b", 2L, "a", 1L)));
		assertThat(map).isInstanceOf(TreeMap.class).isEqualTo(Map.of("a", 1L, "b", 2L));
	}

	@Test
	void collectionsOfOtherLibrariesComeBackAsTheClosestJdkType() {
		Object list = roundTrip(LibraryList.of(product("A-1"), product("B-2")));
		assertThat(list).isInstanceOf(ArrayList.class).isEqualTo(List.of(product("A-1"), product("B-2")));
		Set<String> keySet = ConcurrentHashMap.newKeySet();
		keySet.add("k");
		assertThat(roundTrip(keySet)).isInstanceOf(LinkedHashSet.class).isEqualTo(Set.of("k"));
		Object queue = roundTrip(new ConcurrentLinkedQueue<>(List.of(1L, 2L)));
		assertThat(queue).isInstanceOf(LinkedList.class).isEqualTo(List.of(1L, 2L));
		Object sorted = roundTrip(Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("b", 2L, "a", 1L))));
		assertThat(sorted).isInstanceOf(TreeMap.class).isEqualTo(Map.of("a", 1L, "b", 2L));
	}

	@Test
	void mutableCollectionsKeepTheirClass() {
		LinkedHashMap<String, Object> map = new LinkedHashMap<>();
		map.put("long", 1L);
		map.put("product", product("A-1"));
		Object back = roundTrip(map);
		assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(map);
		assertThat(((Map<?, ?>) back).get("long")).isInstanceOf(Long.class);
	}

	@Test
	void mapsKeyedByOtherTypesThanStringComeBackWithTheirKeys() {
		Map<Object, Object> byId = new HashMap<>(Map.of(1L, product("A-1"), 2L, product("B-2")));
		Object back = roundTrip(byId);
		assertThat(back).isInstanceOf(HashMap.class).isEqualTo(byId);
		assertThat(((Map<?, ?>) back).keySet()).allSatisfy((key) -> assertThat(key).isInstanceOf(Long.class));
		Map<Object, Object> byRecord = new LinkedHashMap<>();
		byRecord.put(new Tag("b"), Color.RED);
		byRecord.put(new Tag("a"), List.of(UUID.fromString("00000000-0000-0000-0000-000000000001")));
		byRecord.put(Color.BLUE, "enum key");
		assertThat(roundTrip(byRecord)).isInstanceOf(LinkedHashMap.class)
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsExactlyEntriesOf(byRecord);
	}

	@Test
	void pageImplRoundTripsWithSortAndTotal() {
		PageImpl<Product> page = new PageImpl<>(List.of(product("A-1"), product("B-2")),
				PageRequest.of(3, 2, Sort.by("name").descending()), 57);
		PageImpl<?> back = (PageImpl<?>) roundTrip(page);
		assertThat(back.getContent()).isEqualTo(List.of(product("A-1"), product("B-2")));
		assertThat(back.getTotalElements()).isEqualTo(57);
		assertThat(back.getNumber()).isEqualTo(3);
		assertThat(back.getSize()).isEqualTo(2);
		assertThat(back.getSort()).isEqualTo(Sort.by(Sort.Order.desc("name")));
		assertThat(back).isEqualTo(page);
	}

	@Test
	void classOutsideAllowListIsRefusedOnRead() {
		byte[] written = create(ALLOW_LIST.with(UNTRUSTED)).serialize(new Unlisted("x"));
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(written))
			.withMessageContaining("type " + Unlisted.class.getName() + " is not in the serialization allow-list; "
					+ "add its package to tiered-cache.serialization.allowed-packages");
	}

	@Test
	void classOutsideAllowListIsRefusedOnWrite() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(List.of(new Unlisted("x"))))
			.withMessageContaining("type " + Unlisted.class.getName() + " is not in the serialization allow-list");
	}

	@Test
	void bytesThatAreNotAValueAreRefused() {
		byte[] garbage = "certainly not a cached value".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(garbage))
			.withMessageStartingWith("Cannot read cached value")
			.withMessageNotContaining("certainly");
	}

	@Test
	void truncatedBytesAreRefused() {
		byte[] bytes = this.serializer.serialize(product("A-1"));
		byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(truncated))
			.withMessageStartingWith("Cannot read cached value");
	}

	@Test
	void emptyBytesAreRefused() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(new byte[0]))
			.withMessageStartingWith("Cannot read cached value");
	}

	@Test
	void failureMessagesNeverContainTheValue() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(new Unlisted("secret-4711")))
			.withMessageNotContaining("secret-4711")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void oneSerializerCanBeSharedByManyThreads() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Object>> results = IntStream.range(0, 200)
				.mapToObj((i) -> executor.submit(() -> roundTrip(List.of(product("P-" + i), (long) i))))
				.toList();
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).isEqualTo(List.of(product("P-" + i), (long) i));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
