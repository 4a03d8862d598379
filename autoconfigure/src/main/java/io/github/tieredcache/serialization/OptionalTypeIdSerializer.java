package io.github.tieredcache.serialization;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.DelegatingSerializer;

/**
 * Keeps an {@code Optional} an {@code Optional} where it is declared as {@code Object}
 * (such as a cached value itself, or a map value).
 * <p>
 * Jackson writes {@code Optional.of(x)} in such places as if it were {@code x}, and
 * {@code Optional.empty()} as {@code null}, so neither comes back as an {@code Optional}.
 * This writes {@code ["java.util.Optional", x]} instead, with {@code x} typed as usual,
 * or {@code null} when empty; {@link OptionalTypeIdDeserializer} reads it back. Where it
 * is declared as {@code Optional<T>}, the type information is about {@code T}, and
 * Jackson's own handling is kept.
 * <p>
 * Thread-safe.
 */
final class OptionalTypeIdSerializer extends DelegatingSerializer {

	OptionalTypeIdSerializer(ValueSerializer<?> delegatee) {
		super(delegatee);
	}

	@Override
	protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee) {
		return new OptionalTypeIdSerializer(newDelegatee);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		if (!(typeSer.getTypeIdResolver() instanceof PortableClassNameIdResolver resolver)
				|| !resolver.typesOptionalItself()) {
			super.serializeWithType(value, gen, ctxt, typeSer);
			return;
		}
		WritableTypeId typeId = typeSer.writeTypePrefix(gen, ctxt,
				typeSer.typeId(value, JsonToken.VALUE_EMBEDDED_OBJECT));
		super.serialize(value, gen, ctxt);
		typeSer.writeTypeSuffix(gen, ctxt, typeId);
	}

}
