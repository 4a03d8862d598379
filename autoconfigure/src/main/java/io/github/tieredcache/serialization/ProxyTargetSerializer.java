package io.github.tieredcache.serialization;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes the entity behind a loaded lazy proxy as if it were the entity itself, under the
 * entity's class name rather than the proxy's generated one; a proxy that was never
 * loaded fails the write.
 * <p>
 * Thread-safe.
 */
final class ProxyTargetSerializer extends StdSerializer<Object> {

	ProxyTargetSerializer(Class<?> proxyType) {
		super(proxyType);
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
		Object entity = LazyAssociations.unproxy(value);
		ctxt.findContentValueSerializer(entity.getClass(), null).serialize(entity, gen, ctxt);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		Object entity = LazyAssociations.unproxy(value);
		ctxt.findContentValueSerializer(entity.getClass(), null).serializeWithType(entity, gen, ctxt, typeSer);
	}

}
