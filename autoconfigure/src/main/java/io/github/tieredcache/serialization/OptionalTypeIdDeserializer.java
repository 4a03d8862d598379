package io.github.tieredcache.serialization;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;

/**
 * Reads the {@code ["java.util.Optional", x]} form that {@link OptionalTypeIdSerializer}
 * writes where an {@code Optional} is declared polymorphically; {@code null} inside it is
 * {@code Optional.empty()}.
 * <p>
 * Thread-safe.
 */
final class OptionalTypeIdDeserializer extends DelegatingDeserializer {

	OptionalTypeIdDeserializer(ValueDeserializer<?> delegatee) {
		super(delegatee);
	}

	@Override
	protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
		return new OptionalTypeIdDeserializer(newDelegatee);
	}

	@Override
	public Object deserialize(JsonParser p, DeserializationContext ctxt) {
		if (p.hasToken(JsonToken.VALUE_NULL)) {
			return this._delegatee.getNullValue(ctxt);
		}
		return super.deserialize(p, ctxt);
	}

	@Override
	public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) {
		if (typeDeserializer.getTypeIdResolver() instanceof PortableClassNameIdResolver resolver
				&& resolver.typesOptionalItself()) {
			return typeDeserializer.deserializeTypedFromAny(p, ctxt);
		}
		return super.deserializeWithType(p, ctxt, typeDeserializer);
	}

}
