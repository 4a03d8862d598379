package io.github.tieredcache.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;

/**
 * Which map keys survive being written as JSON property names and read back as the map's
 * declared key type.
 */
final class MapKeys {

	private static final Set<Class<?>> SCALAR_KEYS = Set.of(String.class, Integer.class, Long.class, Short.class,
			Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
			UUID.class);

	private MapKeys() {
	}

	/**
	 * Return whether a key comes back equal, and of the same class, when read back as the
	 * declared key type.
	 * @param key the key
	 * @param declaredKeyType the map's declared key type
	 * @return whether the key round-trips
	 */
	static boolean comesBackAs(Object key, Class<?> declaredKeyType) {
		if (key instanceof String) {
			return declaredKeyType == String.class || declaredKeyType == Object.class
					|| declaredKeyType == CharSequence.class;
		}
		if (key instanceof Enum<?> constant) {
			return declaredKeyType == constant.getDeclaringClass();
		}
		Class<?> type = key.getClass();
		boolean scalar = SCALAR_KEYS.contains(type) || type.getPackageName().equals("java.time");
		return scalar && declaredKeyType == type;
	}

}
