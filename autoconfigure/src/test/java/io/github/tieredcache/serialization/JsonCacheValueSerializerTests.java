package io.github.tieredcache.serialization;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.github.tieredcache.serialization.fixtures.Color;
import io.github.tieredcache.serialization.fixtures.Customer;
import io.github.tieredcache.serialization.fixtures.Holder;
import io.github.tieredcache.serialization.fixtures.Preferences;
import io.github.tieredcache.serialization.fixtures.Product;
import io.github.tieredcache.serialization.fixtures.Tag;
import io.github.tieredcache.serialization.untrusted.Evidence;
import io.github.tieredcache.serialization.untrusted.Unlisted;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class JsonCacheValueSerializerTests extends CacheValueSerializerContractTests {

	private static final String GADGET = "io.github.tieredcache.serialization.untrusted.JsonGadget";

	@Override
	CacheValueSerializer create(TypeAllowList allowList) {
		return CacheValueSerializer.json(allowList);
	}

	/** Also permits the types nested in this test class. */
	private final CacheValueSerializer withTestTypes = create(ALLOW_LIST.with(getClass().getName()));

	private String json(Object value) {
		return new String(this.serializer.serialize(value), StandardCharsets.UTF_8);
	}

	private Object read(String json) {
		return this.serializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void longIsStoredWithItsClassAndNaturalTypesAreNot() {
		assertThat(json(5L)).isEqualTo("[\"java.lang.Long\",5]");
		assertThat(json(5)).isEqualTo("5");
		assertThat(json("text")).isEqualTo("\"text\"");
		assertThat(json(true)).isEqualTo("true");
		assertThat(json(1.5d)).isEqualTo("1.5");
	}

	@Test
	void recordIsStoredWithAClassProperty() {
		assertThat(json(new Tag("new")))
			.isEqualTo("{\"@class\":\"io.github.tieredcache.serialization.fixtures.Tag\",\"name\":\"new\"}");
	}

	@Test
	void jdkInternalCollectionsAreStoredAsPublicJdkTypes() {
		assertThat(json(List.of(1, 2))).isEqualTo("[\"java.util.ArrayList\",[1,2]]");
		assertThat(json(Set.of("a"))).isEqualTo("[\"java.util.LinkedHashSet\",[\"a\"]]");
		assertThat(json(Map.of("a", 1))).isEqualTo("{\"@class\":\"java.util.LinkedHashMap\",\"a\":1}");
		assertThat(json(Collections.unmodifiableList(new ArrayList<>(List.of(1)))))
			.isEqualTo("[\"java.util.ArrayList\",[1]]");
		assertThat(json(new HashMap<>(Map.of("a", 1)).keySet())).isEqualTo("[\"java.util.LinkedHashSet\",[\"a\"]]");
	}

	@Test
	void optionalOfRecordRoundTrips() {
		Optional<Product> optional = Optional.of(product("A-1"));
		assertThat(json(optional)).startsWith("[\"java.util.Optional\",{\"@class\":");
		assertThat(roundTrip(optional)).isEqualTo(optional);
	}

	@Test
	void emptyOptionalRoundTrips() {
		assertThat(json(Optional.empty())).isEqualTo("[\"java.util.Optional\",null]");
		assertThat(roundTrip(Optional.empty())).isEqualTo(Optional.empty());
	}

	@Test
	void optionalsInsidePolymorphicValuesRoundTrip() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("present", Optional.of(3L));
		map.put("absent", Optional.empty());
		map.put("list", Optional.of(List.of(product("A-1"))));
		assertRoundTrips(map);
		assertRoundTrips(new Holder(Optional.of(product("B-2"))));
	}

	@Test
	void unpagedPageRoundTrips() {
		PageImpl<Product> page = new PageImpl<>(List.of(product("A-1")), Pageable.unpaged(), 1);
		PageImpl<?> back = (PageImpl<?>) roundTrip(page);
		assertThat(back.getPageable().isUnpaged()).isTrue();
		assertThat(back.getContent()).isEqualTo(List.of(product("A-1")));
		assertThat(back.getTotalElements()).isEqualTo(1);
		assertThat(back.getNumber()).isZero();
		assertThat(back.getSize()).isEqualTo(1);
		assertThat(back).isEqualTo(page);
	}

	@Test
	void optionalFieldsOfRecordsRoundTrip() {
		assertRoundTrips(new Preferences(Optional.of(5L), Optional.of(List.of(new Tag("a"))), Optional.of(new Tag("b")),
				List.of(Optional.empty(), Optional.of(new Tag("c")))));
		assertRoundTrips(new Preferences(Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
	}

	@Test
	void pojoWithGettersAndSettersRoundTrips() {
		Customer customer = new Customer();
		customer.setId(7);
		customer.setName("Ada");
		customer.setRoles(Set.of("admin", "user"));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("visits", 12L);
		attributes.put("favourite", product("A-1"));
		attributes.put("colors", EnumSet.of(Color.RED, Color.BLUE));
		customer.setAttributes(attributes);
		Customer back = (Customer) roundTrip(customer);
		assertThat(back).isEqualTo(customer);
		assertThat(back.getRoles()).isInstanceOf(LinkedHashSet.class);
		assertThat(back.getAttributes().get("visits")).isInstanceOf(Long.class);
	}

	@Test
	void enumSetAndEnumMapRoundTrip() {
		assertRoundTrips(EnumSet.of(Color.RED, Color.GREEN));
		EnumMap<Color, Object> map = new EnumMap<>(Color.class);
		map.put(Color.BLUE, 3L);
		assertRoundTrips(map);
	}

	@Test
	void dateTimesKeepTheirZoneOffsetAndPrecision() {
		assertRoundTrips(ZonedDateTime.of(2025, 3, 30, 1, 59, 59, 123456789, ZoneId.of("Europe/Paris")));
		assertRoundTrips(OffsetDateTime.of(2025, 1, 1, 12, 0, 0, 1, ZoneOffset.ofHours(-5)));
		assertRoundTrips(LocalDateTime.of(2025, 1, 1, 12, 0, 0, 999_999_999));
		assertRoundTrips(Duration.ofMillis(1500));
	}

	@Test
	void mapWithNonStringKeysRoundTripsWhenDeclaredInARecord() {
		ScoreBoard board = new ScoreBoard(Map.of(1L, "one", 2L, "two"));
		assertThat(this.withTestTypes.deserialize(this.withTestTypes.serialize(board))).isEqualTo(board);
	}

	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void mapHoldingKeysOfAnotherTypeThanItsDeclaredOneIsRefused() {
		Map polluted = new HashMap<>(Map.of("not a long", "x"));
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.withTestTypes.serialize(new ScoreBoard(polluted)))
			.withMessageContaining("a map holds a java.lang.String where its declared type says java.lang.Long");
	}

	@Test
	void hiddenFieldsOfClassesWithTheSameSimpleNameAreStoredUnderQualifiedNames() {
		Leaf leaf = new Leaf();
		String json = new String(this.withTestTypes.serialize(leaf), StandardCharsets.UTF_8);
		assertThat(json).contains("\"name\":\"leaf\"", "\"Base.name\":\"second\"",
				"\"" + First.Base.class.getName() + ".name\":\"first\"");
		Leaf back = (Leaf) this.withTestTypes.deserialize(json.getBytes(StandardCharsets.UTF_8));
		assertThat(back).usingRecursiveComparison().isEqualTo(leaf);
		assertThat(((First.Base) back).name).isEqualTo("first");
		assertThat(((Second.Base) back).name).isEqualTo("second");
	}

	@Test
	void propertiesAddedOrRemovedSinceTheValueWasWrittenAreTolerated() {
		Object back = read("{\"@class\":\"io.github.tieredcache.serialization.fixtures.Tag\",\"name\":\"new\","
				+ "\"removedLater\":42}");
		assertThat(back).isEqualTo(new Tag("new"));
	}

	@Test
	void classOutsideAllowListIsNeverLoadedOrInstantiated() {
		Evidence.clear();
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("{\"@class\":\"" + GADGET + "\",\"command\":\"rm -rf /\"}"))
			.withMessage("Cannot read cached value: type " + GADGET + " is not in the serialization allow-list; "
					+ "add its package to tiered-cache.serialization.allowed-packages");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void classOutsideAllowListNestedInAnAllowedValueIsRefused() {
		Evidence.clear();
		String json = "{\"@class\":\"io.github.tieredcache.serialization.fixtures.Customer\",\"id\":1,"
				+ "\"attributes\":{\"@class\":\"java.util.LinkedHashMap\",\"x\":{\"@class\":\"" + GADGET
				+ "\",\"command\":\"calc\"}}}";
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> read(json))
			.withMessageContaining("type " + GADGET + " is not in the serialization allow-list")
			.withMessageContaining("at Customer.attributes");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void classOutsideAllowListSmuggledAsATypeParameterIsRefused() {
		Evidence.clear();
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.util.ArrayList<" + GADGET + ">\",[]]"))
			.withMessageContaining("type " + GADGET + " is not in the serialization allow-list");
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.util.EnumSet<" + GADGET + ">\",[]]"))
			.withMessageContaining("type " + GADGET + " is not in the serialization allow-list");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void mapKeyOfAClassOutsideAllowListIsRefusedOnRead() {
		Evidence.clear();
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(
					() -> read("[\"java.util.HashMap\",[[{\"@class\":\"" + GADGET + "\",\"command\":\"calc\"},1]]]"))
			.withMessageContaining("type " + GADGET + " is not in the serialization allow-list");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void mapKeyOfAClassOutsideAllowListIsRefusedOnWrite() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(new HashMap<>(Map.of(new Unlisted("key"), 1))))
			.withMessageContaining("type " + Unlisted.class.getName() + " is not in the serialization allow-list");
	}

	@Test
	void malformedMapEntriesAreReportedWithoutTheirContent() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.util.HashMap\",[\"secret-4711\"]]"))
			.withMessageStartingWith("Cannot read cached value")
			.withMessageNotContaining("secret-4711");
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.util.HashMap\",[[[\"java.lang.Long\",1],\"one\",\"secret-4711\"]]]"))
			.withMessageStartingWith("Cannot read cached value")
			.withMessageNotContaining("secret-4711");
	}

	@Test
	void mapEntriesAreReadBackIntoTheRecordedMapClass() {
		Object back = read(
				"[\"java.util.TreeMap\",[[[\"java.lang.Long\",2],\"two\"],[[\"java.lang.Long\",1],\"one\"]]]");
		assertThat(back).isInstanceOf(TreeMap.class)
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsExactly(entry(1L, "one"), entry(2L, "two"));
	}

	@Test
	void jdkClassOutsideTheBuiltInsIsRefused() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.net.URL\",\"http://example.com\"]"))
			.withMessageContaining("type java.net.URL is not in the serialization allow-list");
	}

	@Test
	void classThatNoLongerExistsIsReportedAsMissing() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("{\"@class\":\"io.github.tieredcache.serialization.fixtures.Renamed\",\"a\":1}"))
			.withMessage("Cannot read cached value: type io.github.tieredcache.serialization.fixtures.Renamed named "
					+ "in the stored JSON does not exist; the value was probably written by another version of the "
					+ "application; the entry is treated as a miss, removed and reloaded (change "
					+ "tiered-cache.key-prefix with the deployment to drop all such entries at once)");
	}

	@Test
	void propertyOfTheWrongShapeIsReportedWithoutItsContent() {
		String json = "{\"@class\":\"io.github.tieredcache.serialization.fixtures.Product\",\"sku\":\"A-1\","
				+ "\"stock\":\"secret-4711\"}";
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> read(json))
			.withMessage("Cannot read cached value at Product.stock: the stored JSON does not fit type long; "
					+ "the class has changed since the value was written; the entry is treated as a miss, removed and "
					+ "reloaded (change tiered-cache.key-prefix with the deployment to drop all such entries at once)")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void trailingGarbageIsRefused() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> read("[\"java.lang.Long\",5] secret-4711"))
			.withMessageStartingWith("Cannot read cached value")
			.withMessageNotContaining("secret-4711");
	}

	@Test
	void malformedJsonIsReportedWithoutItsContent() {
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> read("{\"a\": secret-4711"))
			.withMessageStartingWith("Cannot read cached value: the stored bytes are not valid JSON")
			.withMessageNotContaining("secret-4711")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void jsonNullIsRefused() {
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> read("null"))
			.withMessageContaining("null");
	}

	@Test
	void privateFieldsWithoutGettersAreStored() {
		Holder value = new Holder(new Opaque("hidden"));
		Object back = this.withTestTypes.deserialize(this.withTestTypes.serialize(value));
		assertThat(back).usingRecursiveComparison().isEqualTo(value);
	}

	@Test
	void cycleThroughMapsAloneIsRefusedOnWrite() {
		Map<String, Object> first = new LinkedHashMap<>();
		Map<String, Object> second = new LinkedHashMap<>();
		first.put("next", second);
		second.put("next", first);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(first))
			.withMessageContaining("nests too deeply, probably through a cycle that passes only through collections");
	}

	@Test
	void gettersAreNeverCalled() {
		Holder value = new Holder(new Exploding());
		Object back = this.withTestTypes.deserialize(this.withTestTypes.serialize(value));
		assertThat(((Holder) back).value()).isInstanceOf(Exploding.class);
	}

	@Test
	void recordOfAboutOneKilobyteRoundTripsInAboutOneKilobyte() {
		List<Product> products = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			products.add(product("SKU-" + i));
		}
		Holder value = new Holder(products);
		byte[] bytes = this.serializer.serialize(value);
		assertThat(bytes.length).isBetween(800, 1400);
		assertThat(this.serializer.deserialize(bytes)).isEqualTo(value);
	}

	static final class First {

		static class Base {

			String name = "first";

		}

	}

	static final class Second {

		static class Base extends First.Base {

			String name = "second";

		}

	}

	static final class Leaf extends Second.Base {

		String name = "leaf";

	}

	record ScoreBoard(Map<Long, String> names) {

	}

	static final class Opaque {

		private final String secret;

		Opaque(String secret) {
			this.secret = secret;
		}

	}

	public static final class Exploding {

		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

}
