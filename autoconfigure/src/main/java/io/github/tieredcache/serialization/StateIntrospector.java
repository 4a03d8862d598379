package io.github.tieredcache.serialization;

import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.introspect.ObjectIdInfo;

/**
 * Stands in for Jackson's annotation-driven introspector, so that no annotation of the
 * application ({@code @JsonIgnore}, {@code @JsonProperty}, {@code @JsonView},
 * {@code @JsonSerialize}, {@code @JsonFormat}, {@code @JsonValue}, {@code @JsonCreator},
 * {@code @JsonManagedReference}...) changes what is stored: those shape the application's
 * API, and a cache that honoured them would hand back objects with fields missing or
 * changed.
 * <p>
 * The one thing it adds is object identity for mutable classes (not records, enums or
 * interfaces): each object gets an {@value #ID_PROPERTY} number where it is first
 * written, and later references to the same object are written as that number (or as
 * {@link SharedReferenceSerializer}'s typed form), so that cycles such as bidirectional
 * JPA associations, and objects shared between places, come back as they were.
 * <p>
 * Thread-safe.
 */
final class StateIntrospector extends NopAnnotationIntrospector {

	static final String ID_PROPERTY = "@id";

	private static final long serialVersionUID = 1L;

	private static final ObjectIdInfo IDENTITY = new ObjectIdInfo(PropertyName.construct(ID_PROPERTY), Object.class,
			ObjectIdGenerators.IntSequenceGenerator.class, null);

	@Override
	public @Nullable ObjectIdInfo findObjectIdInfo(MapperConfig<?> config, Annotated annotated) {
		if (!(annotated instanceof AnnotatedClass type)) {
			return null;
		}
		return hasIdentity(type.getRawType()) ? IDENTITY : null;
	}

	/**
	 * Return whether values of a class are written with object identity.
	 * @param type the class
	 * @return {@code true} for classes that are not records, enums, interfaces, arrays or
	 * primitives
	 */
	static boolean hasIdentity(Class<?> type) {
		return !type.isRecord() && !Enum.class.isAssignableFrom(type) && !type.isInterface() && !type.isArray()
				&& !type.isPrimitive() && type != Object.class;
	}

}
