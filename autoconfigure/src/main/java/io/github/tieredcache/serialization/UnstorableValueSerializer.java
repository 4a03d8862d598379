package io.github.tieredcache.serialization;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Stands in for the serializer of a class whose values cannot be stored faithfully (see
 * {@link StorableClasses}): writing one fails, so that the value is kept out of Redis
 * rather than stored with parts missing.
 * <p>
 * Thread-safe.
 */
final class UnstorableValueSerializer extends StdSerializer<Object> {

	private final String reason;

	UnstorableValueSerializer(Class<?> type, String reason) {
		super(type);
		this.reason = reason;
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
		throw new CacheValueSerializationException(this.reason);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		throw new CacheValueSerializationException(this.reason);
	}

}
