package io.github.tieredcache.serialization;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;

/**
 * Stands in for the deserializer of a class the allow-list does not permit, where stored
 * JSON would reach it without a type id (a field declared with a final class): reading
 * one fails before anything is instantiated.
 * <p>
 * Thread-safe.
 */
final class RefusedTypeDeserializer extends StdDeserializer<Object> {

	RefusedTypeDeserializer(Class<?> type) {
		super(type);
	}

	@Override
	public Object deserialize(JsonParser p, DeserializationContext ctxt) {
		throw new CacheValueSerializationException(TypeAllowList.refusal(handledType().getName()));
	}

	@Override
	public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) {
		throw new CacheValueSerializationException(TypeAllowList.refusal(handledType().getName()));
	}

}
