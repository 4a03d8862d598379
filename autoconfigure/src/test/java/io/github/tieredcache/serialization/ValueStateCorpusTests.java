package io.github.tieredcache.serialization;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.tieredcache.cache.CacheSpec;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.serialization.corpus.Authority;
import io.github.tieredcache.serialization.corpus.Owner;
import io.github.tieredcache.serialization.corpus.Pet;
import io.github.tieredcache.serialization.corpus.PlainShapes;
import io.github.tieredcache.serialization.corpus.PlainShapes.Account;
import io.github.tieredcache.serialization.corpus.PlainShapes.AnnotatedAccount;
import io.github.tieredcache.serialization.corpus.PlainShapes.Box;
import io.github.tieredcache.serialization.corpus.PlainShapes.Circle;
import io.github.tieredcache.serialization.corpus.PlainShapes.Dog;
import io.github.tieredcache.serialization.corpus.PlainShapes.Drawing;
import io.github.tieredcache.serialization.corpus.PlainShapes.Entity;
import io.github.tieredcache.serialization.corpus.PlainShapes.Everything;
import io.github.tieredcache.serialization.corpus.PlainShapes.Item;
import io.github.tieredcache.serialization.corpus.PlainShapes.Labelled;
import io.github.tieredcache.serialization.corpus.PlainShapes.Lookup;
import io.github.tieredcache.serialization.corpus.PlainShapes.Money;
import io.github.tieredcache.serialization.corpus.PlainShapes.OrderLine;
import io.github.tieredcache.serialization.corpus.PlainShapes.Priority;
import io.github.tieredcache.serialization.corpus.PlainShapes.Relabelled;
import io.github.tieredcache.serialization.corpus.PlainShapes.ScoreBoard;
import io.github.tieredcache.serialization.corpus.PlainShapes.Shape;
import io.github.tieredcache.serialization.corpus.PlainShapes.SpecialItem;
import io.github.tieredcache.serialization.corpus.PlainShapes.Square;
import io.github.tieredcache.serialization.corpus.PlainShapes.Status;
import io.github.tieredcache.serialization.corpus.PlainShapes.TreeNode;
import io.github.tieredcache.serialization.corpus.PlainShapes.WithCallback;
import io.github.tieredcache.serialization.corpus.PlainShapes.WithTransient;
import io.github.tieredcache.serialization.corpus.Specialty;
import io.github.tieredcache.serialization.corpus.User;
import io.github.tieredcache.serialization.corpus.Vet;
import io.github.tieredcache.serialization.fixtures.Catalog;
import io.github.tieredcache.serialization.fixtures.Color;
import io.github.tieredcache.serialization.fixtures.Product;
import io.github.tieredcache.serialization.fixtures.Tag;
import io.github.tieredcache.test.redis.RedisServers;
import io.github.tieredcache.testing.RedisConnections;
import jakarta.persistence.PersistenceConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The shapes real applications cache, each written by one instance and read back from
 * real Redis by another, as a second JVM would: what comes back is the state that was
 * stored, field by field, whatever the getters and the API annotations say. Values that
 * cannot come back as stored are kept out of Redis, counted, and still served to the
 * caller from L1.
 */
class ValueStateCorpusTests {

	/** The serializer the caches use, as {@link RedisConnections} configures it. */
	private static final CacheValueSerializer SERIALIZER = CacheValueSerializer
		.json(TypeAllowList.of(List.of("io.github.tieredcache")));

	private static LettuceConnectionFactory connectionFactory;

	private static SessionFactory sessionFactory;

	private final AtomicInteger keys = new AtomicInteger();

	private String prefix;

	private TieredCache writer;

	private TieredCache reader;

	@BeforeAll
	static void start() {
		connectionFactory = RedisConnections.open(RedisServers.shared(), Duration.ofSeconds(5));
		sessionFactory = new HibernatePersistenceConfiguration("tiered-cache-corpus")
			.managedClasses(Specialty.class, Vet.class, Owner.class, Pet.class, Authority.class, User.class)
			.jdbcUrl("jdbc:h2:mem:corpus;DB_CLOSE_DELAY=-1")
			.jdbcCredentials("sa", "")
			.property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
			.createEntityManagerFactory();
		sessionFactory.inTransaction((session) -> {
			Specialty radiology = specialty("radiology");
			Specialty surgery = specialty("surgery");
			session.persist(radiology);
			session.persist(surgery);
			Vet vet = new Vet();
			vet.setFirstName("Helen");
			vet.setLastName("Leary");
			vet.addSpecialty(surgery);
			vet.addSpecialty(radiology);
			session.persist(vet);
			Owner owner = new Owner();
			owner.setFirstName("George");
			owner.setLastName("Franklin");
			owner.setCity("Madison");
			owner.addPet(pet("Leo", LocalDate.of(2010, 9, 7)));
			owner.addPet(pet("Basil", LocalDate.of(2012, 8, 6)));
			session.persist(owner);
			Authority user = new Authority("ROLE_USER");
			Authority admin = new Authority("ROLE_ADMIN");
			session.persist(user);
			session.persist(admin);
			User admin1 = new User();
			admin1.setId(1L);
			admin1.setLogin("admin");
			admin1.setPassword("$2a$10$gSAhZrxMllrbgj/kkK9UceBPpChGWJA7SYIb1Mqo.n5aNLq1/oRrC");
			admin1.setActivated(true);
			admin1.setCreatedBy("system");
			admin1.setLastModifiedBy("system");
			admin1.setAuthorities(Set.of(user, admin));
			session.persist(admin1);
		});
	}

	@AfterAll
	static void stop() {
		sessionFactory.close();
		connectionFactory.destroy();
	}

	@BeforeEach
	void twoInstances() {
		this.prefix = "corpus-" + UUID.randomUUID();
		this.writer = instance();
		this.reader = instance();
	}

	static Stream<Named<Supplier<Object>>> shapes() {
		return Stream.concat(Stream.of(
				shape("PetClinic Vet loaded by Hibernate: Set field, sorted List getter, derived count",
						() -> vets().get(0)),
				shape("list of Hibernate-loaded Vets, one without specialties", ValueStateCorpusTests::vets),
				shape("bidirectional Owner <-> Pet loaded by Hibernate", () -> owner("George")),
				shape("JHipster-like User: @JsonIgnore password and authorities, audit fields in a @MappedSuperclass",
						() -> user("admin")),
				shape("page of Hibernate-loaded Vets", () -> new PageImpl<>(vets(), PageRequest.of(0, 10), 2)),
				shape("every API annotation on fields, class, constructor and a @JsonValue method",
						() -> new AnnotatedAccount("ada").with("s3cr3t", "ada@example.com", new BigDecimal("10.50"),
								LocalDate.of(2020, 2, 29), "do not show")),
				shape("Set field behind a List getter, derived getters without fields",
						() -> new Account("Ada", "Lovelace", -500, "vip", "beta")),
				shape("final fields, no default constructor, a validating constructor",
						() -> new Money(new BigDecimal("12.3400"), java.util.Currency.getInstance("EUR"))),
				shape("record", () -> product("A-1")),
				shape("nested records with lists and maps",
						() -> new Catalog("Spring", product("A-1"), List.of(product("A-1"), product("B-2")),
								Map.of("new", new Tag("new")))),
				shape("enum constant with a body", () -> Priority.HIGH),
				shape("enum with @JsonValue and @JsonProperty constants", () -> Status.ACTIVE),
				shape("list of enums with bodies", () -> new ArrayList<>(List.of(Priority.LOW, Priority.HIGH))),
				shape("values declared by an interface, in a field, a list and an array",
						() -> new Drawing(new Circle(2), List.of(new Square(3), new Circle(1)),
								new Shape[] { new Square(1) })),
				shape("tree with parent references (a cycle in plain objects)", ValueStateCorpusTests::tree),
				shape("class hierarchy with private fields at each level", () -> new Dog("Rex", true)),
				shape("JDK types of every kind in fields", Everything::new),
				shape("Optional of a record", () -> Optional.of(product("O-1"))),
				shape("empty Optional", Optional::empty),
				shape("PageImpl with sort",
						() -> new PageImpl<>(List.of(product("P-1")), PageRequest.of(2, 1, Sort.by("sku").descending()),
								7)),
				shape("SliceImpl", () -> new SliceImpl<>(List.of(new Tag("t")), PageRequest.of(0, 1), true)),
				shape("maps with Long, enum and UUID keys",
						() -> new ScoreBoard(Map.of(1L, "one", 2L, "two"), Map.of(Status.ACTIVE, 3),
								Map.of(UUID.randomUUID(), Instant.EPOCH))),
				shape("nested generics", () -> Map.of("a", List.of(Set.of(new Tag("x")), Set.of()))),
				shape("BigDecimal keeping its scale", () -> new BigDecimal("100.000")),
				shape("java.time instant", () -> Instant.parse("2025-05-05T05:05:05.000000005Z")),
				shape("unmodifiable list of records", () -> List.of(new Tag("a"), new Tag("b"))),
				shape("naturally sorted TreeSet", () -> new TreeSet<>(Set.of("b", "a"))),
				shape("primitive and object arrays", () -> new Object[] { new int[] { 1, 2 }, new String[] { "s" } }),
				shape("map of objects to lists of mixed values",
						() -> new LinkedHashMap<>(Map.of("mixed", List.of(1L, 2, 2.5d, "x", true, Color.RED)))),
				shape("one object shared by two places", ValueStateCorpusTests::sharedDogs),
				shape("Long inside Object fields", () -> new Box(Long.MAX_VALUE)),
				shape("a subclass field hiding a superclass field of the same name",
						() -> new Relabelled("old", "new")),
				shape("three levels each declaring an id, a generic one and Object ones hidden",
						() -> new SpecialItem(7L, "SKU-7", UUID.fromString("00000000-0000-0000-0000-000000000007")))),
				mapsKeyedByOtherTypes());
	}

	/**
	 * Maps whose keys are not of their declared key type, as when a cached method returns
	 * a {@code Map<Long, Product>}: the value is written as {@code Object}, so only the
	 * entries say what the keys are.
	 */
	static Stream<Named<Supplier<Object>>> mapsKeyedByOtherTypes() {
		return Stream.of(
				shape("HashMap of Long ids to records",
						() -> new HashMap<>(Map.of(1L, product("A-1"), 2L, product("B-2")))),
				shape("LinkedHashMap of UUIDs to lists", () -> {
					Map<UUID, List<Tag>> map = new LinkedHashMap<>();
					map.put(UUID.fromString("00000000-0000-0000-0000-000000000002"), List.of(new Tag("b")));
					map.put(UUID.fromString("00000000-0000-0000-0000-000000000001"), List.of());
					return map;
				}),
				shape("TreeMap of LocalDates",
						() -> new TreeMap<>(Map.of(LocalDate.of(2025, 2, 1), 2, LocalDate.of(2025, 1, 1), 1))),
				shape("map of enums to lists, not an EnumMap",
						() -> new HashMap<>(Map.of(Status.ACTIVE, List.of(new Tag("a")), Status.INACTIVE, List.of()))),
				shape("map keyed by a composite record",
						() -> new HashMap<>(Map.of(new OrderLine(1L, 1), "first", new OrderLine(1L, 2), "second"))),
				shape("map of record keys to records", () -> Map.of(new Tag("x"), product("X-1"))),
				shape("keys of several types and a null key", () -> {
					Map<Object, Object> map = new HashMap<>();
					map.put("text", 1);
					map.put(2L, Instant.EPOCH);
					map.put(3, "int");
					map.put(Priority.HIGH, 4L);
					map.put(null, "null key");
					return map;
				}), shape("Object-keyed map in an Object field", () -> new Box(new HashMap<>(Map.of(1L, "one")))),
				shape("maps nested in a list",
						() -> new ArrayList<>(List.of(Map.of(1L, "one"),
								new HashMap<>(Map.of(Status.ACTIVE, Map.of(2.5d, "nested")))))),
				shape("record with Object-keyed map fields holding Long and enum keys",
						() -> new Lookup(new HashMap<>(Map.of(1L, new Circle(1), Status.ACTIVE, new Circle(2))),
								new TreeMap<>(Map.of(2L, 2, 1L, 1)))),
				shape("map keyed by Long inside a map keyed by String",
						() -> new LinkedHashMap<>(Map.of("byId", new HashMap<>(Map.of(42L, new Tag("t")))))));
	}

	@Test
	void mapKeptInItsOrderAndClass() {
		Map<Long, String> inserted = new LinkedHashMap<>();
		inserted.put(3L, "c");
		inserted.put(1L, "a");
		inserted.put(2L, "b");
		assertThat(throughRedis(inserted)).isInstanceOf(LinkedHashMap.class)
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsExactly(entry(3L, "c"), entry(1L, "a"), entry(2L, "b"));
		assertThat(throughRedis(new TreeMap<>(inserted))).isInstanceOf(TreeMap.class)
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsExactly(entry(1L, "a"), entry(2L, "b"), entry(3L, "c"));
		assertThat(throughRedis(new HashMap<>(inserted))).isInstanceOf(HashMap.class);
	}

	@Test
	void mapKeyKeepsItsIdentity() {
		Dog rex = new Dog("Rex", true);
		Map<Object, Object> owners = new HashMap<>();
		owners.put(rex, rex);
		Box box = new Box(rex);
		owners.put("box", box);
		Map<?, ?> back = (Map<?, ?>) throughRedis(owners);
		Object key = back.keySet().stream().filter(Dog.class::isInstance).findFirst().orElseThrow();
		assertThat(back.get(key)).isSameAs(key);
		assertThat(back.get("box")).usingRecursiveComparison().isEqualTo(new Box(key));
	}

	@Test
	void mapWithOtherKeysIsStoredAsTypedEntriesAndStringKeyedMapAsAnObject() {
		String json = new String(SERIALIZER.serialize(new HashMap<>(Map.of(1L, "one"))), StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("[\"java.util.HashMap\",[[[\"java.lang.Long\",1],\"one\"]]]");
		String plain = new String(SERIALIZER.serialize(new HashMap<>(Map.of("1", "one"))), StandardCharsets.UTF_8);
		assertThat(plain).isEqualTo("{\"@class\":\"java.util.HashMap\",\"1\":\"one\"}");
	}

	@Test
	void hiddenFieldsComeBackIntoTheirOwnFields() {
		String json = new String(SERIALIZER.serialize(new Relabelled("old", "new")), StandardCharsets.UTF_8);
		assertThat(json).contains("\"label\":\"new\"", "\"Labelled.label\":\"old\"");
		Relabelled relabelled = (Relabelled) throughRedis(new Relabelled("old", "new"));
		assertThat(field(relabelled, Relabelled.class, "label")).isEqualTo("new");
		assertThat(field(relabelled, Labelled.class, "label")).isEqualTo("old");
		UUID id = UUID.randomUUID();
		SpecialItem item = (SpecialItem) throughRedis(new SpecialItem(7L, "SKU-7", id));
		assertThat(field(item, SpecialItem.class, "id")).isEqualTo(id);
		assertThat(field(item, Item.class, "id")).isEqualTo("SKU-7");
		assertThat(field(item, Entity.class, "id")).isInstanceOf(Long.class).isEqualTo(7L);
		assertThat(field(item, Entity.class, "note")).isInstanceOf(Long.class).isEqualTo(5L);
		assertThat(field(item, Item.class, "note")).isEqualTo(List.of("note"));
	}

	/**
	 * Return the value of the field that a class declares, hidden in the target or not.
	 */
	private static @Nullable Object field(Object target, Class<?> declaringClass, String name) {
		Field field = ReflectionUtils.findField(declaringClass, name);
		assertThat(field).isNotNull();
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void readBackOnAnotherInstanceIsTheStoredState(Supplier<Object> shape) {
		Object value = shape.get();
		Object back = throughRedis(value);
		assertThat(back).usingRecursiveComparison().isEqualTo(value);
		assertThat(keysIn(back)).as("map keys").containsExactlyInAnyOrderElementsOf(keysIn(value));
		assertThat(this.reader.statistics().snapshot().l2Hits()).isEqualTo(1);
	}

	@Test
	void vetComesBackWithItsSetAndTheDerivedGettersStillWork() {
		Vet vet = (Vet) throughRedis(vets().get(0));
		assertThat(vet.getNrOfSpecialties()).isEqualTo(2);
		assertThat(vet.getSpecialties()).extracting(Specialty::getName).containsExactly("radiology", "surgery");
		assertThat(vet.isNew()).isFalse();
	}

	@Test
	void userComesBackWithWhatItsApiHides() {
		User user = (User) throughRedis(user("admin"));
		assertThat(user.getPassword()).startsWith("$2a$10$");
		assertThat(user.getAuthorities()).extracting(Authority::getName)
			.containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
		assertThat(user.getCreatedBy()).isEqualTo("system");
		assertThat(user.getCreatedDate()).isNotNull();
	}

	@Test
	void bidirectionalAssociationComesBackAsTheSameCycle() {
		Owner owner = (Owner) throughRedis(owner("George"));
		assertThat(owner.getPets()).hasSize(2).allSatisfy((pet) -> assertThat(pet.getOwner()).isSameAs(owner));
	}

	@Test
	void sharedObjectComesBackSharedAndTreeComesBackLinked() {
		List<?> dogs = (List<?>) throughRedis(sharedDogs());
		assertThat(dogs.get(0)).isSameAs(dogs.get(1));
		TreeNode root = (TreeNode) throughRedis(tree());
		assertThat(root.children()).allSatisfy((child) -> assertThat(child.parent()).isSameAs(root));
	}

	@Test
	void apiAnnotationsChangeNothingThatIsStored() {
		AnnotatedAccount account = new AnnotatedAccount("ada").with("s3cr3t", "ada@example.com",
				new BigDecimal("10.50"), LocalDate.of(2020, 2, 29), "do not show");
		String json = new String(SERIALIZER.serialize(account), StandardCharsets.UTF_8);
		assertThat(json).contains("\"secret\":\"s3cr3t\"", "\"name\":\"ADA\"", "\"balance\":10.50",
				"\"opened\":\"2020-02-29\"", "\"nickname\":null", "\"internalNote\":\"do not show\"");
	}

	@Test
	void enumsAreStoredByConstantName() {
		String json = new String(SERIALIZER.serialize(List.of(Status.ACTIVE, Priority.HIGH)), StandardCharsets.UTF_8);
		assertThat(json).contains("\"ACTIVE\"", "\"HIGH\"").doesNotContain("\"on\"", "\"A\"");
	}

	@Test
	void transientFieldIsNotStored() {
		WithTransient back = (WithTransient) throughRedis(new WithTransient("v"));
		assertThat(back.value()).isEqualTo("v");
		assertThat(back.derivedCache()).isNull();
	}

	static Stream<Arguments> unstorable() {
		return Stream.of(refused("a lambda in a field", () -> new WithCallback(() -> "x"), "is a lambda"),
				refused("a Thread", () -> new Box(new Thread(() -> {
				})), "java.lang.Thread is not in the serialization allow-list"),
				refused("a DataSource", () -> new Box(new JdbcDataSource()),
						"org.h2.jdbcx.JdbcDataSource is not in the serialization allow-list"),
				refused("a JDK class outside the allow-list", () -> new Box(new ReentrantLock()),
						"java.util.concurrent.locks.ReentrantLock is not in the serialization allow-list"),
				refused("a TreeSet with a comparator", () -> {
					TreeSet<String> set = new TreeSet<>(Comparator.reverseOrder());
					set.addAll(List.of("a", "b"));
					return new Box(set);
				}, "a sorted set with a comparator of its own cannot be stored"),
				refused("a TreeMap with a comparator, keyed by Long", () -> {
					TreeMap<Long, String> map = new TreeMap<>(Comparator.reverseOrder());
					map.put(1L, "one");
					return map;
				}, "a sorted map with a comparator of its own cannot be stored"),
				refused("an inner class", () -> new PlainShapes.Outer().inner(), "make it a static nested"),
				refused("an uninitialised lazy association", ValueStateCorpusTests::userWithoutAuthorities,
						"was never loaded; fetch it before caching"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unstorable")
	void unstorableValueIsKeptOutOfRedisCountedAndStillServed(Supplier<Object> shape, String reason) {
		Object value = shape.get();
		assertThatExceptionOfType(CacheValueSerializationException.class).isThrownBy(() -> SERIALIZER.serialize(value))
			.withMessageStartingWith("Cannot write " + value.getClass().getName() + " as JSON")
			.withMessageContaining(reason);
		assertThat(this.writer.get("k", () -> value)).isSameAs(value);
		assertThat(this.writer.statistics().snapshot().l2UnwritableValues()).isEqualTo(1);
		assertThat(this.reader.get("k")).isNull();
		assertThat(this.reader.statistics().snapshot().l2Misses()).isEqualTo(1);
	}

	@Test
	void entryOfThePreviousFormatIsACountedMiss() {
		String oldJson = "{\"@class\":\"" + Vet.class.getName() + "\",\"id\":1,\"firstName\":\"Helen\","
				+ "\"specialties\":[\"java.util.ArrayList\",[]],\"nrOfSpecialties\":0,\"new\":false}";
		byte[] payload = oldJson.getBytes(StandardCharsets.UTF_8);
		long now = System.currentTimeMillis();
		byte[] entry = ByteBuffer.allocate(18 + payload.length)
			.put((byte) 1)
			.put((byte) 0)
			.putLong(now + 60_000)
			.putLong(now)
			.put(payload)
			.array();
		try (RedisConnection connection = connectionFactory.getConnection()) {
			connection.stringCommands().set((this.prefix + ":corpus:old").getBytes(StandardCharsets.UTF_8), entry);
		}
		assertThat(this.reader.get("old", () -> "reloaded")).isEqualTo("reloaded");
		assertThat(this.reader.statistics().snapshot().l2UnreadableValues()).isEqualTo(1);
	}

	private Object throughRedis(Object value) {
		String key = "k" + this.keys.incrementAndGet();
		this.writer.put(key, value);
		assertThat(this.writer.statistics().snapshot().l2UnwritableValues()).as("values kept out of Redis").isZero();
		return this.reader.get(key, () -> {
			throw new AssertionError("the value should have come from Redis");
		});
	}

	private TieredCache instance() {
		return TieredCacheManager.builder()
			.remoteTiers(RedisConnections.tiers(connectionFactory, this.prefix).build())
			.cache(CacheSpec.builder("corpus").ttl(Duration.ofMinutes(5)).build())
			.build()
			.getCache("corpus");
	}

	private static Named<Supplier<Object>> shape(String name, Supplier<Object> value) {
		return Named.of(name, value);
	}

	private static Arguments refused(String name, Supplier<Object> value, String reason) {
		return Arguments.of(shape(name, value), reason);
	}

	/** The class and value of every map key in a value, nested maps' keys included. */
	private static List<String> keysIn(Object value) {
		List<String> keys = new ArrayList<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, content) -> {
				keys.add((key != null) ? key.getClass().getName() + ":" + key : "null");
				keys.addAll(keysIn(content));
			});
		}
		else if (value instanceof Iterable<?> values) {
			values.forEach((content) -> keys.addAll(keysIn(content)));
		}
		else if (value instanceof Box box) {
			keys.addAll(keysIn(box.content()));
		}
		else if (value instanceof Lookup lookup) {
			keys.addAll(keysIn(lookup.byKey()));
			keys.addAll(keysIn(lookup.sorted()));
		}
		return keys;
	}

	private static Product product(String sku) {
		return new Product(sku, "Product " + sku, new BigDecimal("19.90"), 42L, Color.GREEN,
				List.of(new Tag("new"), new Tag("sale")), Instant.parse("2025-01-02T03:04:05.123456789Z"));
	}

	private static Specialty specialty(String name) {
		Specialty specialty = new Specialty();
		specialty.setName(name);
		return specialty;
	}

	private static Pet pet(String name, LocalDate birthDate) {
		Pet pet = new Pet();
		pet.setName(name);
		pet.setBirthDate(birthDate);
		return pet;
	}

	private static List<Vet> vets() {
		return sessionFactory.fromTransaction((session) -> session
			.createSelectionQuery("select distinct v from Vet v left join fetch v.specialties order by v.id", Vet.class)
			.getResultList());
	}

	private static Owner owner(String firstName) {
		return sessionFactory.fromTransaction((session) -> session
			.createSelectionQuery("select o from Owner o join fetch o.pets where o.firstName = :name", Owner.class)
			.setParameter("name", firstName)
			.getSingleResult());
	}

	private static User user(String login) {
		return sessionFactory.fromTransaction((session) -> session
			.createSelectionQuery("select u from User u join fetch u.authorities where u.login = :login", User.class)
			.setParameter("login", login)
			.getSingleResult());
	}

	private static User userWithoutAuthorities() {
		return sessionFactory.fromTransaction((session) -> session.find(User.class, 1L));
	}

	private static TreeNode tree() {
		TreeNode root = new TreeNode("root");
		root.add(new TreeNode("left")).add(new TreeNode("leaf"));
		root.add(new TreeNode("right"));
		return root;
	}

	private static List<Dog> sharedDogs() {
		Dog rex = new Dog("Rex", true);
		return new ArrayList<>(List.of(rex, rex));
	}

}
