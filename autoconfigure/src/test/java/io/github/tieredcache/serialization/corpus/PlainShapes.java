package io.github.tieredcache.serialization.corpus;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;

import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * Plain Java shapes that applications cache, each a trap for a format that writes getters
 * or honours API annotations.
 */
public final class PlainShapes {

	/** A JSON view of the application's REST API. */
	public interface PublicView {

	}

	/**
	 * Every API annotation that changes what Jackson writes or reads.
	 */
	@JsonIgnoreProperties({ "internalNote" })
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
	public static class AnnotatedAccount {

		@JsonIgnore
		private String secret;

		@JsonProperty("display")
		private String name;

		@JsonView(PublicView.class)
		private String email;

		@JsonSerialize(using = ToStringSerializer.class)
		private BigDecimal balance;

		@JsonFormat(pattern = "yyyy")
		private LocalDate opened;

		@JsonInclude(JsonInclude.Include.NON_NULL)
		private String nickname;

		private String internalNote;

		@JsonCreator
		public AnnotatedAccount(@JsonProperty("display") String name) {
			this.name = name.toUpperCase(Locale.ROOT);
		}

		public AnnotatedAccount with(String secret, String email, BigDecimal balance, LocalDate opened,
				String internalNote) {
			this.secret = secret;
			this.email = email;
			this.balance = balance;
			this.opened = opened;
			this.internalNote = internalNote;
			return this;
		}

		@JsonValue
		public String summary() {
			return this.name;
		}

	}

	/**
	 * Getters that are not the state: a {@code Set} field behind a {@code List} getter, a
	 * derived getter with no field, an is-getter that computes.
	 */
	public static class Account {

		private final Set<String> tags = new LinkedHashSet<>();

		private String firstName;

		private String lastName;

		private long balanceCents;

		public Account(String firstName, String lastName, long balanceCents, String... tags) {
			this.firstName = firstName;
			this.lastName = lastName;
			this.balanceCents = balanceCents;
			this.tags.addAll(List.of(tags));
		}

		public List<String> getTags() {
			return List.copyOf(this.tags);
		}

		public String getFullName() {
			return this.firstName + " " + this.lastName;
		}

		public boolean isOverdrawn() {
			return this.balanceCents < 0;
		}

		public void setFullName(String fullName) {
			throw new UnsupportedOperationException("derived");
		}

	}

	/** Final fields, no default constructor, a constructor that validates. */
	public static final class Money {

		private final BigDecimal amount;

		private final Currency currency;

		public Money(BigDecimal amount, Currency currency) {
			if (amount.signum() < 0) {
				throw new IllegalArgumentException("negative");
			}
			this.amount = amount;
			this.currency = currency;
		}

		public BigDecimal amount() {
			return this.amount;
		}

	}

	/** A transient field is not state: it comes back as its default. */
	public static class WithTransient {

		private String value;

		private transient String derivedCache;

		public WithTransient(String value) {
			this.value = value;
			this.derivedCache = value.toUpperCase(Locale.ROOT);
		}

		public String value() {
			return this.value;
		}

		public String derivedCache() {
			return this.derivedCache;
		}

	}

	/** Constants with bodies, which are anonymous subclasses. */
	public enum Priority {

		LOW {
			@Override
			public int weight() {
				return 1;
			}
		},
		HIGH {
			@Override
			public int weight() {
				return 10;
			}
		};

		public abstract int weight();

	}

	/** An API renaming of constants that must not change the stored name. */
	public enum Status {

		@JsonProperty("on")
		ACTIVE("A"), @JsonProperty("off")
		INACTIVE("I");

		private final String code;

		Status(String code) {
			this.code = code;
		}

		@JsonValue
		public String code() {
			return this.code;
		}

	}

	/** Values declared by an interface. */
	public interface Shape {

	}

	public record Circle(double radius) implements Shape {

	}

	public static class Square implements Shape {

		private final double side;

		public Square(double side) {
			this.side = side;
		}

	}

	public static class Drawing {

		private final Shape main;

		private final List<Shape> shapes;

		private final Shape[] layers;

		public Drawing(Shape main, List<Shape> shapes, Shape[] layers) {
			this.main = main;
			this.shapes = shapes;
			this.layers = layers;
		}

	}

	/** A tree whose nodes point to their parent: a cycle in plain objects. */
	public static class TreeNode {

		private final String name;

		private TreeNode parent;

		private final List<TreeNode> children = new ArrayList<>();

		public TreeNode(String name) {
			this.name = name;
		}

		public TreeNode add(TreeNode child) {
			child.parent = this;
			this.children.add(child);
			return child;
		}

		public TreeNode parent() {
			return this.parent;
		}

		public List<TreeNode> children() {
			return this.children;
		}

	}

	/** A class hierarchy with private fields at each level. */
	public abstract static class Animal {

		private String name;

		private int legs;

		protected Animal(String name, int legs) {
			this.name = name;
			this.legs = legs;
		}

	}

	public static class Dog extends Animal {

		private boolean goodBoy;

		public Dog(String name, boolean goodBoy) {
			super(name, 4);
			this.goodBoy = goodBoy;
		}

	}

	/** A subclass whose private field has the name of one of its superclass. */
	public static class Labelled {

		private String label;

		public Labelled(String label) {
			this.label = label;
		}

	}

	public static class Relabelled extends Labelled {

		private String label;

		public Relabelled(String inherited, String own) {
			super(inherited);
			this.label = own;
		}

	}

	/**
	 * The root of a hierarchy in which each level declares its own {@code id}, with no
	 * accessors: only the fields tell them apart.
	 */
	public abstract static class Entity<I> {

		private I id;

		private Object note;

		protected Entity(I id, Object note) {
			this.id = id;
			this.note = note;
		}

	}

	/** Hides {@code Entity.id} (a {@code Long} here) and {@code Entity.note}. */
	public static class Item extends Entity<Long> {

		private String id;

		private Object note;

		public Item(long entityId, String id, Object entityNote, Object note) {
			super(entityId, entityNote);
			this.id = id;
			this.note = note;
		}

	}

	/**
	 * Hides {@code Item.id} and, through it, {@code Entity.id}: three fields named id.
	 */
	public static class SpecialItem extends Item {

		private final UUID id;

		public SpecialItem(long entityId, String itemId, UUID id) {
			super(entityId, itemId, 5L, List.of("note"));
			this.id = id;
		}

	}

	/** Maps declared with {@code Object} keys, holding keys of other types. */
	public record Lookup(Map<Object, Circle> byKey, SortedMap<Object, Integer> sorted) {

	}

	/** A composite map key. */
	public record OrderLine(long orderId, int line) {

	}

	/** JDK types in fields of every kind. */
	public static class Everything {

		Optional<String> maybe = Optional.of("present");

		Optional<Instant> nothing = Optional.empty();

		Map<Long, String> byId = Map.of(1L, "one", 2L, "two");

		Map<Priority, Integer> byPriority = new EnumMap<>(Map.of(Priority.LOW, 1, Priority.HIGH, 2));

		Map<UUID, List<Set<String>>> nested = Map.of(UUID.fromString("3f1c2a9e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"),
				List.of(Set.of("a"), Set.of("b", "c")));

		Map<LocalDate, BigDecimal> byDay = Map.of(LocalDate.of(2025, 1, 1), new BigDecimal("1.50"));

		int[] numbers = { 1, 2, 3 };

		String[] words = { "x", "y" };

		char initial = 'q';

		float ratio = 0.25f;

		Object boxedLong = 5L;

		Object boxedFloat = 1.5f;

		BigDecimal price = new BigDecimal("19.900");

		Instant at = Instant.parse("2025-01-02T03:04:05.123456789Z");

		ZonedDateTime zoned = ZonedDateTime.parse("2025-03-30T01:59:59+01:00[Europe/Paris]");

		OffsetDateTime offset = OffsetDateTime.parse("2025-01-01T12:00:00.000000001-05:00");

		LocalTime time = LocalTime.of(23, 59, 59);

		Duration timeout = Duration.ofMillis(1500);

		URI home = URI.create("https://example.com/a?b=c");

		Locale locale = Locale.CANADA_FRENCH;

		UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000042");

		String absent = null;

		SortedSet<String> sorted = new java.util.TreeSet<>(Set.of("b", "a", "c"));

		SortedMap<String, Integer> sortedMap = new java.util.TreeMap<>(Map.of("b", 2, "a", 1));

		List<String> immutable = List.of("x", "y");

		Set<String> unmodifiable = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of("p", "q")));

		List<String> arrayBacked = java.util.Arrays.asList("m", "n");

		EnumSet<Priority> priorities = EnumSet.of(Priority.HIGH);

		Priority priority = Priority.LOW;

		Status status = Status.INACTIVE;

	}

	/** Maps with non-String keys, declared with their key types. */
	public record ScoreBoard(Map<Long, String> names, Map<Status, Integer> byStatus, Map<UUID, Instant> seen) {

	}

	/** A field holding code rather than data. */
	public static class WithCallback {

		private final String name = "callback";

		private final Supplier<String> callback;

		public WithCallback(Supplier<String> callback) {
			this.callback = callback;
		}

	}

	/** Holds an inner (non-static) class, whose enclosing instance is a hidden field. */
	public static class Outer {

		private final String name = "outer";

		public Inner inner() {
			return new Inner();
		}

		public class Inner {

			private final String value = "inner";

		}

	}

	/** A field of any type, for values the format refuses. */
	public static class Box {

		private final Object content;

		public Box(Object content) {
			this.content = content;
		}

		public Object content() {
			return this.content;
		}

	}

}
