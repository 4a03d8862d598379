package io.github.tieredcache.serialization;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.DelegatingSerializer;

/**
 * Writes a collection or map, unless it is a persistent (ORM-managed) one that was never
 * loaded. Asking such a collection for its elements would either run a query from inside
 * a serializer or fail with the ORM's own exception; this fails first, saying what to do
 * instead.
 * <p>
 * Thread-safe.
 */
final class LoadedCollectionSerializer extends DelegatingSerializer {

	LoadedCollectionSerializer(ValueSerializer<?> delegatee) {
		super(delegatee);
	}

	@Override
	protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee) {
		return new LoadedCollectionSerializer(newDelegatee);
	}

	@Override
	public boolean isEmpty(SerializationContext ctxt, Object value) {
		LazyAssociations.requireLoaded(value);
		return super.isEmpty(ctxt, value);
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
		LazyAssociations.requireLoaded(value);
		super.serialize(value, gen, ctxt);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		LazyAssociations.requireLoaded(value);
		super.serializeWithType(value, gen, ctxt, typeSer);
	}

}
