package io.github.tieredcache.serialization;

import com.fasterxml.jackson.annotation.ObjectIdGenerator;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.WritableObjectId;
import tools.jackson.databind.ser.std.DelegatingSerializer;

/**
 * Writes a repeated reference to an object in a place whose declared type is polymorphic
 * as {@code ["@ref", 3]}, rather than the bare number {@code 3} Jackson would write:
 * where the declared type is {@code Object} (a list element, a map value, the cached
 * value itself), a bare number would read back as an {@code Integer}.
 * {@link SharedReferenceTypeDeserializer} reads the typed form back as the object that
 * number was given to.
 * <p>
 * Wraps the serializers of classes with object identity (see {@link StateIntrospector}).
 * Thread-safe.
 */
final class SharedReferenceSerializer extends DelegatingSerializer {

	static final String REFERENCE_TYPE_ID = "@ref";

	/** Shares its sequence with the serializers' own generators: same class and scope. */
	static final ObjectIdGenerator<Integer> IDS = new ObjectIdGenerators.IntSequenceGenerator(Object.class, -1);

	SharedReferenceSerializer(ValueSerializer<?> delegatee) {
		super(delegatee);
	}

	@Override
	protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee) {
		return new SharedReferenceSerializer(newDelegatee);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		WritableObjectId identity = ctxt.findObjectId(value, IDS);
		if (identity.id == null) {
			super.serializeWithType(value, gen, ctxt, typeSer);
			return;
		}
		gen.writeStartArray();
		gen.writeString(REFERENCE_TYPE_ID);
		gen.writePOJO(identity.id);
		gen.writeEndArray();
	}

}
