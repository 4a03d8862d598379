package io.github.tieredcache.serialization;

import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Lets Jackson resolve a type id only to a class the {@link TypeAllowList} permits. Class
 * names are checked before the class is loaded, so a refused class is neither initialized
 * nor instantiated.
 * <p>
 * Thread-safe.
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

	private static final long serialVersionUID = 1L;

	private final transient TypeAllowList allowList;

	AllowListTypeValidator(TypeAllowList allowList) {
		this.allowList = allowList;
	}

	@Override
	public Validity validateBaseType(DatabindContext ctxt, JavaType baseType) {
		return Validity.INDETERMINATE;
	}

	@Override
	public Validity validateSubClassName(DatabindContext ctxt, JavaType baseType, String subClassName) {
		return this.allowList.permits(subClassName) ? Validity.ALLOWED : Validity.DENIED;
	}

	@Override
	public Validity validateSubType(DatabindContext ctxt, JavaType baseType, JavaType subType) {
		return this.allowList.permits(subType.getRawClass()) ? Validity.ALLOWED : Validity.DENIED;
	}

}
