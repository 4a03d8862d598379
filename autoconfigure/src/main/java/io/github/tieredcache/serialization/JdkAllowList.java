package io.github.tieredcache.serialization;

import java.io.Serializable;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@link TypeAllowList} as Java serialization needs it: also permitting the JDK's own
 * serial forms (the stand-ins that {@code List.of(...)}, {@code Set.of(...)},
 * {@code Map.of(...)} and {@code EnumSet} write themselves as), and checking a class
 * together with its serializable superclasses, whose descriptors travel in the stream
 * too.
 * <p>
 * Thread-safe; decisions are made once per class.
 */
final class JdkAllowList {

	private static final Set<String> SERIAL_FORMS = Set.of("java.util.CollSer", "java.util.EnumSet$SerializationProxy",
			"java.util.RegularEnumSet", "java.util.JumboEnumSet");

	private static final String IMMUTABLE_COLLECTIONS = "java.util.ImmutableCollections$";

	private final TypeAllowList allowList;

	private final ClassValue<@Nullable String> refusals = new ClassValue<>() {

		@Override
		protected @Nullable String computeValue(Class<?> type) {
			for (Class<?> candidate = type; candidate != null
					&& Serializable.class.isAssignableFrom(candidate); candidate = candidate.getSuperclass()) {
				if (!permits(candidate.getName())) {
					return candidate.getName();
				}
			}
			return null;
		}

	};

	JdkAllowList(TypeAllowList allowList) {
		this.allowList = allowList;
	}

	/**
	 * Return whether a class may appear in a stream.
	 * @param className the binary class name or array descriptor
	 * @return whether it is permitted
	 */
	boolean permits(String className) {
		return SERIAL_FORMS.contains(className) || className.startsWith(IMMUTABLE_COLLECTIONS)
				|| this.allowList.permits(className);
	}

	/**
	 * Return the first class in a type's serializable hierarchy that may not appear in a
	 * stream.
	 * @param type the type of an object about to be written
	 * @return the refused class name, or {@code null} if the hierarchy is permitted
	 */
	@Nullable String refusedIn(Class<?> type) {
		Class<?> component = type;
		while (component.isArray()) {
			component = component.getComponentType();
		}
		return component.isPrimitive() ? null : this.refusals.get(component);
	}

}
