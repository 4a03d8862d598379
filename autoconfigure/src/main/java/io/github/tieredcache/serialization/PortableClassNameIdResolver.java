package io.github.tieredcache.serialization;

import java.util.Collection;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.jsontype.impl.ClassNameIdResolver;

/**
 * Class-name type ids that any reader can use, checked against the allow-list in both
 * directions.
 * <p>
 * On write, a collection or map is recorded as the type {@link PortableTypes} chooses,
 * and a type the allow-list does not permit fails the write, rather than producing an
 * entry that no reader will accept. On read, every class named in a type id, type
 * parameters included, is checked by name before any of them is loaded.
 * <p>
 * Thread-safe.
 */
final class PortableClassNameIdResolver extends ClassNameIdResolver {

	private static final long serialVersionUID = 1L;

	private final transient TypeAllowList allowList;

	private final transient PortableTypes portableTypes;

	PortableClassNameIdResolver(JavaType baseType, Collection<NamedType> subtypes, PolymorphicTypeValidator validator,
			TypeAllowList allowList, PortableTypes portableTypes) {
		super(baseType, subtypes, validator);
		this.allowList = allowList;
		this.portableTypes = portableTypes;
	}

	/**
	 * Return whether the declared type these ids are for can hold an
	 * {@code java.util.Optional} itself (it is {@code Object}), as opposed to an
	 * {@code Optional<T>} whose type information describes its content.
	 * @return whether an {@code Optional} gets its own type id
	 */
	boolean typesOptionalItself() {
		return !this._baseType.isReferenceType() && this._baseType.getRawClass().isAssignableFrom(Optional.class);
	}

	@Override
	public String idFromValue(DatabindContext ctxt, Object value) {
		return idFor(ctxt, value, value.getClass());
	}

	@Override
	public String idFromValueAndType(DatabindContext ctxt, Object value, Class<?> type) {
		return idFor(ctxt, value, type);
	}

	private String idFor(DatabindContext ctxt, Object value, Class<?> type) {
		Class<?> recorded = this.portableTypes.typeToRecord(type);
		if (recorded != type && !declaredType().isAssignableFrom(recorded)) {
			recorded = type;
		}
		String id = _idFrom(ctxt, value, recorded);
		String refused = id.equals(recorded.getName()) ? (this.allowList.permits(recorded) ? null : id)
				: this.allowList.firstRefusedIn(id);
		if (refused != null) {
			throw new CacheValueSerializationException(TypeAllowList.refusal(refused));
		}
		return id;
	}

	/**
	 * Return the declared type these ids are for; for {@code Optional<T>}, whose type
	 * information describes its content, that is {@code T}.
	 */
	private Class<?> declaredType() {
		JavaType declared = this._baseType;
		while (declared.isReferenceType()) {
			declared = declared.getReferencedType();
		}
		return declared.getRawClass();
	}

	@Override
	public JavaType typeFromId(DatabindContext ctxt, String id) throws JacksonException {
		String refused = this.allowList.firstRefusedIn(id);
		if (refused != null && ctxt instanceof DeserializationContext deserialization) {
			throw deserialization.invalidTypeIdException(this._baseType, id, "not in the allow-list");
		}
		return super.typeFromId(ctxt, id);
	}

}
