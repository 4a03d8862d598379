package io.github.tieredcache.serialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotationMap;
import tools.jackson.databind.introspect.TypeResolutionContext;
import tools.jackson.databind.type.TypeFactory;

/**
 * Finds the fields of a class's superclasses that a field of the same name further down
 * the hierarchy hides ({@code BaseEntity.id} when {@code Product} declares its own
 * {@code id}). Jackson keeps one field per name, the most derived one, so these would
 * otherwise be lost; {@link StateClassIntrospector} stores each under a qualified name.
 * <p>
 * Thread-safe.
 */
final class HiddenFields {

	private HiddenFields() {
	}

	/**
	 * Return the hidden fields of a class, with their types resolved against its type
	 * parameters.
	 * @param type the class
	 * @param typeFactory resolves field types
	 * @return the hidden instance fields that are not {@code transient}, from the nearest
	 * superclass up
	 */
	static List<AnnotatedField> of(JavaType type, TypeFactory typeFactory) {
		List<AnnotatedField> hidden = new ArrayList<>();
		Set<String> namesBelow = new HashSet<>();
		for (JavaType level = type; level != null && !level.hasRawClass(Object.class); level = level.getSuperClass()) {
			TypeResolutionContext context = new TypeResolutionContext.Basic(typeFactory, level.getBindings());
			for (Field field : level.getRawClass().getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (field.isSynthetic() || Modifier.isStatic(modifiers)) {
					continue;
				}
				if (!namesBelow.add(field.getName()) && !Modifier.isTransient(modifiers)) {
					hidden.add(new AnnotatedField(context, field, new AnnotationMap()));
				}
			}
		}
		return hidden;
	}

	/**
	 * Return the property name that stores a hidden field: the simple name of the class
	 * that declares it, a dot, and the field's name, which no field name can clash with.
	 * @param field the hidden field
	 * @param qualified whether to use the fully qualified class name, for hierarchies
	 * with two classes of the same simple name
	 * @return the property name
	 */
	static String propertyName(Field field, boolean qualified) {
		Class<?> declaring = field.getDeclaringClass();
		return (qualified ? declaring.getName() : declaring.getSimpleName()) + "." + field.getName();
	}

}
