package io.github.tieredcache.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;

/**
 * Default typing for cache values: every value whose declared type is not final (and so
 * {@code Object}, interfaces such as {@code List}, abstract and non-final classes)
 * records its class in an {@value #TYPE_PROPERTY} property, or, for values that are not
 * JSON objects, as the first element of a two-element array.
 * <p>
 * {@code BigDecimal} and {@code BigInteger} declared as such are not typed: nothing
 * useful subclasses them. Type ids come from {@link PortableClassNameIdResolver}; values
 * are read by {@link SharedReferenceTypeDeserializer}, which also resolves references to
 * objects written earlier in the same value.
 * <p>
 * Thread-safe.
 */
final class CacheTypeResolverBuilder extends DefaultTypeResolverBuilder {

	static final String TYPE_PROPERTY = "@class";

	private static final long serialVersionUID = 1L;

	private final transient TypeAllowList allowList;

	private final transient PortableTypes portableTypes;

	CacheTypeResolverBuilder(PolymorphicTypeValidator validator, TypeAllowList allowList, PortableTypes portableTypes) {
		super(validator, DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY, JsonTypeInfo.Id.CLASS, TYPE_PROPERTY);
		this.allowList = allowList;
		this.portableTypes = portableTypes;
	}

	@Override
	public DefaultTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
		// Default typing has no default implementation; keep this configuration
		return this;
	}

	@Override
	public boolean useForType(JavaType type) {
		if (type.hasRawClass(BigDecimal.class) || type.hasRawClass(BigInteger.class)) {
			return false;
		}
		return super.useForType(type);
	}

	@Override
	public TypeDeserializer buildTypeDeserializer(DeserializationContext ctxt, JavaType baseType,
			Collection<NamedType> subtypes) {
		TypeDeserializer deserializer = super.buildTypeDeserializer(ctxt, baseType, subtypes);
		return (deserializer instanceof AsPropertyTypeDeserializer asProperty)
				? new SharedReferenceTypeDeserializer(asProperty, null) : deserializer;
	}

	@Override
	protected TypeIdResolver idResolver(DatabindContext ctxt, JavaType baseType,
			PolymorphicTypeValidator subtypeValidator, Collection<NamedType> subtypes, boolean forSer,
			boolean forDeser) {
		return new PortableClassNameIdResolver(baseType, subtypes, subtypeValidator, this.allowList,
				this.portableTypes);
	}

}
