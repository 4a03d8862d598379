package io.github.tieredcache.cache;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link KeyEncoder#standard() standard} key encoding. Plain values are written as
 * themselves. Everything this encoder itself introduces starts with {@code ~}, and a
 * plain value that happens to start with {@code ~} gets a second one, so the two can
 * never meet:
 * <ul>
 * <li>{@code ~null} for a {@code null} element;</li>
 * <li>{@code ~(a,b)} for a {@code SimpleKey} (several method arguments), {@code ~[a,b]}
 * for arrays and lists, {@code ~{a,b}} for sets and {@code ~m{k=v}} for maps (sorted, so
 * iteration order does not matter), where each element is itself encoded and then has
 * {@code \ , ) ] } =} escaped with a backslash.</li>
 * </ul>
 */
final class StandardKeyEncoder implements KeyEncoder {

	static final StandardKeyEncoder INSTANCE = new StandardKeyEncoder();

	// How each class of key is encoded, decided once per class: the decision looks up
	// toString() by reflection, far too slow for every cache hit. Plain int codes rather
	// than an enum of this library, because a ClassValue's value stays reachable from the
	// class it was computed for (Long.class, say), and a value of one of our classes
	// would
	// keep the application's class loader alive after a redeploy; small Integers are the
	// JDK's own.

	private static final int TO_STRING = 0;

	private static final int SIMPLE_KEY = 1;

	private static final int OBJECT_ARRAY = 2;

	private static final int PRIMITIVE_ARRAY = 3;

	private static final int LIST = 4;

	private static final int SET = 5;

	private static final int MAP = 6;

	private static final int COLLECTION = 7;

	private static final int ENUM = 8;

	private static final int DATE = 9;

	private static final int CLASS = 10;

	private static final int NO_STABLE_FORM = 11;

	private static final int RECORD = 12;

	private static final ClassValue<Integer> ENCODINGS = new ClassValue<>() {

		@Override
		protected Integer computeValue(Class<?> type) {
			return encodingOf(type);
		}

	};

	// A record's generated toString() runs String.format on Java 17, costing most of a
	// hit; the same text is built here from its accessors. The JDK's own types only, for
	// the reason above.
	private static final ClassValue<@Nullable RecordForm> RECORD_FORMS = new ClassValue<>() {

		@Override
		protected @Nullable RecordForm computeValue(Class<?> type) {
			return RecordForm.of(type);
		}

	};

	private static final @Nullable VarHandle SIMPLE_KEY_PARAMS = findSimpleKeyParams();

	// Whether keys of a class are immutable values, whose encoded form EncodedKeys may
	// remember (Booleans: the JDK's own, for the reason above)
	private static final ClassValue<Boolean> VALUE_TYPES = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return isValueType(type, 0);
		}

	};

	private static final Set<Class<?>> FINAL_VALUE_CLASSES = Set.of(Long.class, Integer.class, Short.class, Byte.class,
			Character.class, Boolean.class, Double.class, Float.class, UUID.class, LocalDate.class, LocalTime.class,
			LocalDateTime.class, Instant.class, YearMonth.class, Year.class, Duration.class);

	private StandardKeyEncoder() {
	}

	@Override
	public String encode(String cacheName, Object key) {
		return encodeElement(cacheName, key);
	}

	private String encodeElement(String cacheName, @Nullable Object key) {
		if (key == null) {
			return "~null";
		}
		if (key instanceof String string) {
			return escapeMarker(string);
		}
		return switch (ENCODINGS.get(key.getClass())) {
			case TO_STRING -> escapeMarker(key.toString());
			case SIMPLE_KEY -> joined(cacheName, simpleKeyParams(cacheName, (SimpleKey) key), "~(", ")");
			case OBJECT_ARRAY -> joined(cacheName, (Object[]) key, "~[", "]");
			case PRIMITIVE_ARRAY -> joined(cacheName, primitiveArrayElements(key), "~[", "]");
			case LIST, COLLECTION -> joined(cacheName, (Collection<?>) key, "~[", "]");
			case SET -> sorted(cacheName, (Set<?>) key, "~{", "}");
			case MAP -> encodeMap(cacheName, (Map<?, ?>) key);
			case ENUM -> ((Enum<?>) key).name();
			case DATE -> ((Date) key).toInstant().toString();
			case CLASS -> ((Class<?>) key).getName();
			case RECORD -> escapeMarker(recordText(key));
			default -> throw noStableForm(cacheName, key);
		};
	}

	/**
	 * Decides how keys of a class are encoded, in the order the checks have always been
	 * made, so that a class matching several (an enum implementing {@code List}) is
	 * encoded as before.
	 */
	private static int encodingOf(Class<?> type) {
		if (SimpleKey.class.isAssignableFrom(type)) {
			return SIMPLE_KEY;
		}
		if (type.isArray()) {
			return type.getComponentType().isPrimitive() ? PRIMITIVE_ARRAY : OBJECT_ARRAY;
		}
		if (List.class.isAssignableFrom(type)) {
			return LIST;
		}
		if (Set.class.isAssignableFrom(type)) {
			return SET;
		}
		if (Map.class.isAssignableFrom(type)) {
			return MAP;
		}
		if (Collection.class.isAssignableFrom(type)) {
			return COLLECTION;
		}
		if (Enum.class.isAssignableFrom(type)) {
			return ENUM;
		}
		if (Date.class.isAssignableFrom(type)) {
			return DATE;
		}
		if (type == Class.class) {
			return CLASS;
		}
		if (type.isRecord() && RECORD_FORMS.get(type) != null) {
			return RECORD;
		}
		Method toString = ReflectionUtils.findMethod(type, "toString");
		return (toString == null || toString.getDeclaringClass() == Object.class) ? NO_STABLE_FORM : TO_STRING;
	}

	/**
	 * Tells whether a key is an immutable value whose encoded form depends on nothing but
	 * what its {@code equals} compares, so that a form built once can be reused for any
	 * equal key: a boxed primitive, a {@code UUID}, a {@code java.time} date or instant,
	 * an enum, a record with the generated {@code toString()}, {@code equals} and
	 * {@code hashCode} whose components are all such values (or strings), or a
	 * {@code SimpleKey} of non-null such values.
	 * @param key the key
	 * @return whether its encoded form may be remembered
	 */
	static boolean isValueKey(Object key) {
		if (key instanceof SimpleKey simpleKey) {
			if (SIMPLE_KEY_PARAMS == null) {
				return false;
			}
			for (Object param : (@Nullable Object[]) SIMPLE_KEY_PARAMS.get(simpleKey)) {
				if (param == null || !(param instanceof String || VALUE_TYPES.get(param.getClass()))) {
					return false;
				}
			}
			return true;
		}
		return VALUE_TYPES.get(key.getClass());
	}

	private static boolean isValueType(Class<?> type, int depth) {
		if (type.isPrimitive() || type == String.class || FINAL_VALUE_CLASSES.contains(type)
				|| Enum.class.isAssignableFrom(type)) {
			return true;
		}
		if (!type.isRecord() || depth > 3 || ENCODINGS.get(type) != RECORD || !hasGeneratedEquality(type)) {
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			// The declared type, which every value of the component has (a record is
			// final, and so is every class above apart from an enum's own constants)
			if (!isValueType(component.getType(), depth + 1)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a record compares by its components, as the generated {@code equals} and
	 * {@code hashCode} do (both final, like the generated {@code toString()}). One
	 * written by hand may call keys equal whose text differs (say, ignoring case): a form
	 * remembered for one would then be handed to the other, and two instances would key
	 * the same value differently.
	 */
	private static boolean hasGeneratedEquality(Class<?> type) {
		try {
			return Modifier.isFinal(type.getDeclaredMethod("equals", Object.class).getModifiers())
					&& Modifier.isFinal(type.getDeclaredMethod("hashCode").getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static String recordText(Object key) {
		RecordForm form = RECORD_FORMS.get(key.getClass());
		String text = (form != null) ? form.text(key) : null;
		return (text != null) ? text : key.toString();
	}

	private static IllegalArgumentException noStableForm(String cacheName, Object key) {
		return new IllegalArgumentException("Cache '" + cacheName + "' cannot use a key of type "
				+ key.getClass().getName() + ": keys are identified by their string form (in both tiers and in "
				+ "the messages that reach other instances), and the type does not override toString(), so it "
				+ "has no stable one. Override toString() (records do), choose a key expression such as "
				+ "key = \"#criteria.id\", or register a " + KeyEncoder.class.getName() + " bean");
	}

	private String encodeMap(String cacheName, Map<?, ?> map) {
		List<String> entries = new ArrayList<>(map.size());
		map.forEach((k, v) -> entries
			.add(escapeElement(encodeElement(cacheName, k)) + "=" + escapeElement(encodeElement(cacheName, v))));
		entries.sort(null);
		return "~m{" + String.join(",", entries) + "}";
	}

	private String joined(String cacheName, @Nullable Object[] elements, String open, String close) {
		StringBuilder encoded = new StringBuilder(open);
		for (int i = 0; i < elements.length; i++) {
			if (i > 0) {
				encoded.append(',');
			}
			encoded.append(escapeElement(encodeElement(cacheName, elements[i])));
		}
		return encoded.append(close).toString();
	}

	private String joined(String cacheName, Iterable<?> elements, String open, String close) {
		StringBuilder encoded = new StringBuilder(open);
		boolean first = true;
		for (Object element : elements) {
			if (!first) {
				encoded.append(',');
			}
			encoded.append(escapeElement(encodeElement(cacheName, element)));
			first = false;
		}
		return encoded.append(close).toString();
	}

	private String sorted(String cacheName, Collection<?> elements, String open, String close) {
		List<String> encoded = new ArrayList<>(elements.size());
		for (Object element : elements) {
			encoded.add(escapeElement(encodeElement(cacheName, element)));
		}
		encoded.sort(null);
		return open + String.join(",", encoded) + close;
	}

	private static Object[] primitiveArrayElements(Object array) {
		int length = Array.getLength(array);
		Object[] elements = new Object[length];
		for (int i = 0; i < length; i++) {
			elements[i] = Array.get(array, i);
		}
		return elements;
	}

	private static String escapeMarker(String value) {
		return value.startsWith("~") ? "~" + value : value;
	}

	private static String escapeElement(String encoded) {
		if (encoded.isEmpty()) {
			// An empty element must differ from no element at all: [""] is not []
			return "~e";
		}
		StringBuilder escaped = null;
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			boolean special = c == '\\' || c == ',' || c == ')' || c == ']' || c == '}' || c == '=';
			if (special && escaped == null) {
				escaped = new StringBuilder(encoded.length() + 8).append(encoded, 0, i);
			}
			if (escaped != null) {
				if (special) {
					escaped.append('\\');
				}
				escaped.append(c);
			}
		}
		return (escaped != null) ? escaped.toString() : encoded;
	}

	private static @Nullable Object[] simpleKeyParams(String cacheName, SimpleKey key) {
		VarHandle params = SIMPLE_KEY_PARAMS;
		if (params == null) {
			throw new IllegalArgumentException("Cache '" + cacheName + "' cannot read the arguments of a SimpleKey "
					+ "on this Spring version; choose a key expression such as key = \"#a + ':' + #b\"");
		}
		return (@Nullable Object[]) params.get(key);
	}

	private static @Nullable VarHandle findSimpleKeyParams() {
		try {
			return MethodHandles.privateLookupIn(SimpleKey.class, MethodHandles.lookup())
				.findVarHandle(SimpleKey.class, "params", Object[].class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * How a record whose {@code toString()} is the generated one is written: the same
	 * text, {@code Name[a=1, b=x]}, built from its fields. The first record of each class
	 * is checked against its own {@code toString()}; on any difference, or when an
	 * accessor cannot be called, the class falls back to {@code toString()} for good.
	 */
	private static final class RecordForm {

		private final String name;

		private final String[] components;

		private final MethodHandle[] accessors;

		private volatile int state; // 0 unchecked, 1 checked, -1 use toString()

		private RecordForm(String name, String[] components, MethodHandle[] accessors) {
			this.name = name;
			this.components = components;
			this.accessors = accessors;
		}

		static @Nullable RecordForm of(Class<?> type) {
			Method toString = ReflectionUtils.findMethod(type, "toString");
			// The generated toString() is final; one written by hand usually is not
			if (toString == null || toString.getDeclaringClass() != type
					|| !Modifier.isFinal(toString.getModifiers())) {
				return null;
			}
			RecordComponent[] components = type.getRecordComponents();
			String[] names = new String[components.length];
			MethodHandle[] accessors = new MethodHandle[components.length];
			try {
				MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
				for (int i = 0; i < components.length; i++) {
					names[i] = components[i].getName();
					// The fields, as the generated toString() reads them, not the
					// accessors, which may be written by hand
					accessors[i] = lookup.findGetter(type, names[i], components[i].getType())
						.asType(MethodType.methodType(Object.class, Object.class));
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
			return new RecordForm(type.getSimpleName(), names, accessors);
		}

		/**
		 * Returns the record's text, or {@code null} when its own {@code toString()} must
		 * be used.
		 */
		@Nullable String text(Object record) {
			if (this.state < 0) {
				return null;
			}
			StringBuilder text = new StringBuilder(this.name.length() + 16 * this.accessors.length);
			text.append(this.name).append('[');
			try {
				for (int i = 0; i < this.accessors.length; i++) {
					if (i > 0) {
						text.append(", ");
					}
					text.append(this.components[i])
						.append('=')
						.append(String.valueOf(this.accessors[i].invoke(record)));
				}
			}
			catch (Throwable ex) {
				this.state = -1;
				return null;
			}
			String built = text.append(']').toString();
			if (this.state == 0) {
				this.state = built.equals(record.toString()) ? 1 : -1;
				if (this.state < 0) {
					return null;
				}
			}
			return built;
		}

	}

}
