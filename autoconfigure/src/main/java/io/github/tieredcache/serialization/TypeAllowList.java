package io.github.tieredcache.serialization;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The classes that may be instantiated when a cached value is read back: the
 * application's packages and classes, plus a fixed set of built-in value types.
 * <p>
 * Entries are package names or fully qualified class names. A package entry permits the
 * classes of that package and of its sub-packages, matching on package boundaries only:
 * {@code com.acme} permits {@code com.acme.Order} and {@code com.acme.billing.Invoice},
 * but not {@code com.acmeevil.Gadget}. A class entry permits that class and its nested
 * classes. An entry may end in {@code .*}, which is ignored. Arrays are permitted when
 * their component type is, primitive types always.
 * <p>
 * Always permitted, whatever the entries:
 * <ul>
 * <li>{@code java.lang} value types: {@code String}, the boxed primitives,
 * {@code Number}, {@code Enum} and {@code Object};</li>
 * <li>{@code java.math} and {@code java.time} (with its sub-packages);</li>
 * <li>public {@code java.util} and {@code java.util.concurrent} collections,
 * {@code Optional}, {@code UUID}, {@code Locale}, {@code Currency}, {@code Date};</li>
 * <li>{@code java.sql.Date}, {@code Time} and {@code Timestamp}, which JPA providers put
 * into {@code java.util.Date} fields;</li>
 * <li>{@code java.net.URI};</li>
 * <li>{@code org.springframework.data.domain} (not its sub-packages), so that
 * {@code Page}, {@code Slice}, {@code Pageable} and {@code Sort} can be cached.</li>
 * </ul>
 * Nothing else of the JDK is: in particular not {@code java.util.logging},
 * {@code java.net.URL} or JDK-internal classes.
 * <p>
 * Instances are immutable and thread-safe. {@link #with(String...)} returns a new
 * instance. Methods reject {@code null} arguments.
 */
public final class TypeAllowList {

	/** The configuration property that feeds the allow-list, named in error messages. */
	static final String PROPERTY = "tiered-cache.serialization.allowed-packages";

	private static final Pattern QUALIFIED_NAME = Pattern.compile(
			"\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	/** Single names that would permit almost every library on the class path. */
	private static final Set<String> TOO_BROAD = Set.of("java", "javax", "jakarta", "jdk", "sun", "com", "org", "net",
			"io");

	private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long", "float",
			"double");

	private static final Set<String> BUILT_IN_CLASSES = Set.of("java.lang.Object", "java.lang.String",
			"java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
			"java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number", "java.lang.Enum",
			"java.net.URI", "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.HashSet",
			"java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet", "java.util.HashMap",
			"java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap", "java.util.Optional",
			"java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.UUID",
			"java.util.Locale", "java.util.Currency", "java.util.Date", "java.util.concurrent.ConcurrentHashMap",
			"java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
			"java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
			"java.util.concurrent.TimeUnit", "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

	/** Packages whose classes are permitted, but not those of their sub-packages. */
	private static final Set<String> BUILT_IN_PACKAGES = Set.of("java.math", "org.springframework.data.domain");

	/** Packages whose classes and sub-packages' classes are permitted. */
	private static final List<String> BUILT_IN_PACKAGE_TREES = List.of("java.time");

	private static final TypeAllowList BUILT_IN_ONLY = new TypeAllowList(Collections.emptySet());

	private final Set<String> entries;

	private final String[] prefixes;

	private final ClassValue<Boolean> classDecisions = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return permitsClassName(type.getName());
		}

	};

	private TypeAllowList(Set<String> entries) {
		this.entries = Collections.unmodifiableSet(entries);
		Set<String> prefixes = new LinkedHashSet<>(entries);
		prefixes.addAll(BUILT_IN_PACKAGE_TREES);
		this.prefixes = prefixes.toArray(String[]::new);
	}

	/**
	 * Return an allow-list that permits the built-in types only.
	 * @return the allow-list
	 */
	public static TypeAllowList builtInOnly() {
		return BUILT_IN_ONLY;
	}

	/**
	 * Create an allow-list from package names and fully qualified class names.
	 * @param packagesOrClasses the entries, such as {@code com.acme.catalog} or
	 * {@code com.acme.catalog.Product}
	 * @return the allow-list
	 * @throws IllegalArgumentException if an entry is blank, is not a dotted Java name,
	 * or is a root such as {@code com} that would permit almost every class
	 */
	public static TypeAllowList of(Collection<String> packagesOrClasses) {
		return BUILT_IN_ONLY.with(packagesOrClasses.toArray(String[]::new));
	}

	/**
	 * Return an allow-list that permits everything this one does, and more.
	 * @param more further package names or fully qualified class names
	 * @return a new allow-list; this one is unchanged
	 * @throws IllegalArgumentException if an entry is invalid, as for
	 * {@link #of(Collection)}
	 */
	public TypeAllowList with(String... more) {
		Set<String> merged = new LinkedHashSet<>(this.entries);
		for (String entry : more) {
			merged.add(validated(entry));
		}
		return new TypeAllowList(merged);
	}

	private static String validated(@Nullable String entry) {
		if (entry == null || entry.isBlank()) {
			throw new IllegalArgumentException("Allow-list entry '" + entry + "' is blank; remove it from " + PROPERTY
					+ " or name a package such as com.example.catalog");
		}
		String name = entry.strip();
		if (name.endsWith(".*")) {
			name = name.substring(0, name.length() - 2);
		}
		if (!QUALIFIED_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Allow-list entry '" + entry + "' is not a Java package or class name; "
					+ "use a dotted name such as com.example.catalog or com.example.catalog.Product in " + PROPERTY);
		}
		if (TOO_BROAD.contains(name)) {
			throw new IllegalArgumentException("Allow-list entry '" + entry + "' would permit almost every class on "
					+ "the class path; name your own package, such as " + name + ".example.catalog, in " + PROPERTY);
		}
		return name;
	}

	/**
	 * Return whether a class may be instantiated on read.
	 * @param className a binary class name as returned by {@link Class#getName()} (such
	 * as {@code com.acme.Order$Line} or {@code [Lcom.acme.Order;}), a primitive type
	 * name, or a canonical array name such as {@code com.acme.Order[]}
	 * @return whether the class is permitted
	 */
	public boolean permits(String className) {
		String name = className;
		while (name.endsWith("[]")) {
			name = name.substring(0, name.length() - 2);
		}
		if (name.startsWith("[")) {
			return permitsArrayDescriptor(name);
		}
		return PRIMITIVES.contains(name) || permitsClassName(name);
	}

	/**
	 * Return whether a class may be instantiated on read.
	 * @param type the class; for an array, its component type decides
	 * @return whether the class is permitted
	 */
	public boolean permits(Class<?> type) {
		Class<?> component = type;
		while (component.isArray()) {
			component = component.getComponentType();
		}
		return component.isPrimitive() || this.classDecisions.get(component);
	}

	/**
	 * Return the configured entries, normalized (trimmed, any trailing {@code .*}
	 * removed), in the order they were given; the built-in types are not listed.
	 * @return an unmodifiable set of package and class names
	 */
	public Set<String> entries() {
		return this.entries;
	}

	private boolean permitsArrayDescriptor(String descriptor) {
		int dimensions = 0;
		while (dimensions < descriptor.length() && descriptor.charAt(dimensions) == '[') {
			dimensions++;
		}
		String element = descriptor.substring(dimensions);
		if (element.length() == 1) {
			return "ZBCSIJFD".contains(element);
		}
		if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
			return permitsClassName(element.substring(1, element.length() - 1));
		}
		return false;
	}

	private boolean permitsClassName(String name) {
		if (BUILT_IN_CLASSES.contains(name)) {
			return true;
		}
		int lastDot = name.lastIndexOf('.');
		if (lastDot > 0 && BUILT_IN_PACKAGES.contains(name.substring(0, lastDot))) {
			return true;
		}
		for (String prefix : this.prefixes) {
			if (isWithin(name, prefix)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isWithin(String name, String prefix) {
		if (!name.startsWith(prefix)) {
			return false;
		}
		if (name.length() == prefix.length()) {
			return true;
		}
		char boundary = name.charAt(prefix.length());
		return boundary == '.' || boundary == '$';
	}

	/**
	 * Return the first class named in a type id that this allow-list does not permit. A
	 * type id is a class name, possibly with type parameters, such as
	 * {@code java.util.EnumSet<com.acme.Color>}.
	 * @param typeId the type id
	 * @return the first refused class name, or {@code null} if all are permitted
	 */
	@Nullable String firstRefusedIn(String typeId) {
		int start = 0;
		for (int i = 0; i <= typeId.length(); i++) {
			if (i == typeId.length() || isTypeIdSeparator(typeId.charAt(i))) {
				if (i > start && !permits(typeId.substring(start, i))) {
					return typeId.substring(start, i);
				}
				start = i + 1;
			}
		}
		return null;
	}

	private static boolean isTypeIdSeparator(char c) {
		return c == '<' || c == '>' || c == ',' || Character.isWhitespace(c);
	}

	/**
	 * Return the message for a class this allow-list refused, naming the fix.
	 * @param className the refused class
	 * @return the message
	 */
	static String refusal(String className) {
		return "type " + className + " is not in the serialization allow-list; add its package to " + PROPERTY;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof TypeAllowList that) && this.entries.equals(that.entries);
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	@Override
	public String toString() {
		return "TypeAllowList" + this.entries + " plus built-in JDK and Spring Data types";
	}

}
