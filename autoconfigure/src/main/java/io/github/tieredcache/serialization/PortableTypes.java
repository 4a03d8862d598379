package io.github.tieredcache.serialization;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which class to record for a collection or map, so that what is written can be
 * instantiated by any reader: the value's own class when it is an allow-listed, public
 * class with a public no-argument constructor, otherwise the closest public JDK type.
 * <p>
 * That covers JDK-internal classes ({@code List.of}, {@code Collections.unmodifiableSet},
 * {@code Arrays.asList}, {@code Map.keySet()}), ORM wrappers (Hibernate's
 * {@code PersistentSet} and {@code PersistentBag}) and other libraries' collections
 * (Guava, Kotlin), by interface: a {@code SortedSet} becomes a {@code TreeSet}, a
 * {@code Set} a {@code LinkedHashSet}, a {@code Queue} a {@code LinkedList}, any other
 * collection an {@code ArrayList}, a {@code SortedMap} a {@code TreeMap} and a
 * {@code Map} a {@code LinkedHashMap}. {@code EnumSet} and {@code EnumMap} keep their own
 * type. Other classes are recorded as they are.
 * <p>
 * Thread-safe; decisions are made once per class.
 */
final class PortableTypes {

	private final TypeAllowList allowList;

	private final ClassValue<Class<?>> recordedTypes = new ClassValue<>() {

		@Override
		protected Class<?> computeValue(Class<?> type) {
			return decide(type);
		}

	};

	PortableTypes(TypeAllowList allowList) {
		this.allowList = allowList;
	}

	/**
	 * Return the class to record for a value of the given class.
	 * @param type the value's class
	 * @return {@code type} itself, or the public JDK collection type that stands for it
	 */
	Class<?> typeToRecord(Class<?> type) {
		return this.recordedTypes.get(type);
	}

	private Class<?> decide(Class<?> type) {
		boolean collection = Collection.class.isAssignableFrom(type);
		boolean map = Map.class.isAssignableFrom(type);
		if ((!collection && !map) || EnumSet.class.isAssignableFrom(type) || EnumMap.class.isAssignableFrom(type)
				|| isPortable(type)) {
			return type;
		}
		if (map) {
			return SortedMap.class.isAssignableFrom(type) ? TreeMap.class : LinkedHashMap.class;
		}
		if (SortedSet.class.isAssignableFrom(type)) {
			return TreeSet.class;
		}
		if (Set.class.isAssignableFrom(type)) {
			return LinkedHashSet.class;
		}
		return Queue.class.isAssignableFrom(type) ? LinkedList.class : ArrayList.class;
	}

	private boolean isPortable(Class<?> type) {
		int modifiers = type.getModifiers();
		if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || type.isAnonymousClass()
				|| type.isLocalClass() || (type.isMemberClass() && !Modifier.isStatic(modifiers))) {
			return false;
		}
		if (!this.allowList.permits(type) || LazyAssociations.isLazyCollectionType(type)) {
			return false;
		}
		try {
			return Modifier.isPublic(type.getConstructor().getModifiers());
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
