package io.github.tieredcache.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	private static final @Nullable Field SIMPLE_KEY_PARAMS = findSimpleKeyParams();

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
		if (key instanceof SimpleKey simpleKey) {
			return joined(cacheName, Arrays.asList(simpleKeyParams(cacheName, simpleKey)), "~(", ")");
		}
		if (key.getClass().isArray()) {
			return joined(cacheName, arrayElements(key), "~[", "]");
		}
		if (key instanceof List<?> list) {
			return joined(cacheName, list, "~[", "]");
		}
		if (key instanceof Set<?> set) {
			return sorted(cacheName, set, "~{", "}");
		}
		if (key instanceof Map<?, ?> map) {
			List<String> entries = new ArrayList<>(map.size());
			map.forEach((k, v) -> entries
				.add(escapeElement(encodeElement(cacheName, k)) + "=" + escapeElement(encodeElement(cacheName, v))));
			entries.sort(null);
			return "~m{" + String.join(",", entries) + "}";
		}
		if (key instanceof Collection<?> collection) {
			return joined(cacheName, collection, "~[", "]");
		}
		if (key instanceof Enum<?> enumValue) {
			return enumValue.name();
		}
		if (key instanceof Date date) {
			return date.toInstant().toString();
		}
		if (key instanceof Class<?> type) {
			return type.getName();
		}
		return escapeMarker(stableToString(cacheName, key));
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

	private static List<@Nullable Object> arrayElements(Object array) {
		int length = Array.getLength(array);
		List<@Nullable Object> elements = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			elements.add(Array.get(array, i));
		}
		return elements;
	}

	private static String stableToString(String cacheName, Object key) {
		Method toString = ReflectionUtils.findMethod(key.getClass(), "toString");
		if (toString == null || toString.getDeclaringClass() == Object.class) {
			throw new IllegalArgumentException("Cache '" + cacheName + "' cannot use a key of type "
					+ key.getClass().getName() + ": keys are identified by their string form (in both tiers and in "
					+ "the messages that reach other instances), and the type does not override toString(), so it "
					+ "has no stable one. Override toString() (records do), choose a key expression such as "
					+ "key = \"#criteria.id\", or register a " + KeyEncoder.class.getName() + " bean");
		}
		return key.toString();
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

	private static Object[] simpleKeyParams(String cacheName, SimpleKey key) {
		if (SIMPLE_KEY_PARAMS == null) {
			throw new IllegalArgumentException("Cache '" + cacheName + "' cannot read the arguments of a SimpleKey "
					+ "on this Spring version; choose a key expression such as key = \"#a + ':' + #b\"");
		}
		return (Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, key);
	}

	private static @Nullable Field findSimpleKeyParams() {
		try {
			Field params = ReflectionUtils.findField(SimpleKey.class, "params", Object[].class);
			if (params != null) {
				ReflectionUtils.makeAccessible(params);
			}
			return params;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
