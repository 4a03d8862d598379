package io.github.tieredcache.serialization;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.jdk.MapDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The entry form of a map whose keys would not come back as themselves from JSON property
 * names (see {@link MapKeys}): a {@code Long} key of a map whose declared key type is
 * {@code Object}, as in a cached {@code Map<Long, Product>}, a record or other composite
 * key, keys of several types, a {@code null} key. Such a map is written as an array of
 * {@code [key, value]} pairs, each key and value written as a value of the map's declared
 * key and value type, and so with its class where that type is polymorphic:
 * {@code ["java.util.HashMap",[[["java.lang.Long",1],"one"],[["java.lang.Long",2],"two"]]]}.
 * <p>
 * Keys are therefore checked against the allow-list, keep their object identity and come
 * back with their own class; entries are put back in the order they were written, so a
 * {@code LinkedHashMap} keeps its order and a {@code TreeMap} sorts them again. Maps
 * whose keys all come back as themselves keep the plain JSON object form. Thread-safe.
 */
final class MapEntriesJson {

	private MapEntriesJson() {
	}

	/**
	 * Return whether a map needs the entry form.
	 * @param map the map
	 * @param declaredKeyType the map's declared key type
	 * @return whether some key would not come back as itself from a JSON property name
	 */
	static boolean isNeededFor(Map<?, ?> map, Class<?> declaredKeyType) {
		for (Object key : map.keySet()) {
			if (key == null || !MapKeys.comesBackAs(key, declaredKeyType)) {
				return true;
			}
		}
		return false;
	}

	static void write(Map<?, ?> map, JavaType mapType, JsonGenerator gen, SerializationContext ctxt,
			@Nullable TypeSerializer typeSer) {
		WritableTypeId typeId = (typeSer != null)
				? typeSer.writeTypePrefix(gen, ctxt, typeSer.typeId(map, JsonToken.START_ARRAY)) : null;
		if (typeId == null) {
			gen.writeStartArray();
		}
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			gen.writeStartArray();
			writeAs(mapType.getKeyType(), entry.getKey(), gen, ctxt);
			writeAs(mapType.getContentType(), entry.getValue(), gen, ctxt);
			gen.writeEndArray();
		}
		if (typeId == null) {
			gen.writeEndArray();
		}
		else {
			typeSer.writeTypeSuffix(gen, ctxt, typeId);
		}
	}

	/**
	 * Write a value as Jackson writes one of the given declared type: with its class when
	 * that type is polymorphic.
	 */
	private static void writeAs(JavaType declared, @Nullable Object value, JsonGenerator gen,
			SerializationContext ctxt) {
		if (value == null) {
			ctxt.defaultSerializeNullValue(gen);
			return;
		}
		if (!declared.getRawClass().isInstance(value)) {
			throw new CacheValueSerializationException("a map holds a " + value.getClass().getName()
					+ " where its declared type says " + declared.getRawClass().getName()
					+ ", so it could not be read back; declare the map with the key and value types it holds");
		}
		JavaType actual = declared.hasRawClass(value.getClass()) ? declared
				: ctxt.constructSpecializedType(declared, value.getClass());
		ValueSerializer<Object> serializer = ctxt.findContentValueSerializer(actual, null);
		TypeSerializer typeSer = ctxt.findTypeSerializer(declared);
		if (typeSer == null) {
			serializer.serialize(value, gen, ctxt);
		}
		else {
			serializer.serializeWithType(value, gen, ctxt, typeSer);
		}
	}

	/**
	 * Reads maps in either form: the entry form here, a JSON object through Jackson's own
	 * map deserializer.
	 */
	static final class Deserializer extends DelegatingDeserializer {

		private final JavaType mapType;

		Deserializer(ValueDeserializer<?> delegatee, JavaType mapType) {
			super(delegatee);
			this.mapType = mapType;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
			return new Deserializer(newDelegatee, this.mapType);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) {
			if (!p.isExpectedStartArrayToken() || !(this._delegatee instanceof MapDeserializer maps)) {
				return super.deserialize(p, ctxt);
			}
			@SuppressWarnings("unchecked")
			Map<Object, Object> map = (Map<Object, Object>) maps.getValueInstantiator().createUsingDefault(ctxt);
			ValueDeserializer<Object> keys = ctxt.findRootValueDeserializer(this.mapType.getKeyType());
			ValueDeserializer<Object> values = ctxt.findRootValueDeserializer(this.mapType.getContentType());
			for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
				if (token != JsonToken.START_ARRAY) {
					return ctxt.reportInputMismatch(this.mapType, "expected a [key, value] map entry");
				}
				p.nextToken();
				Object key = read(keys, p, ctxt);
				p.nextToken();
				Object value = read(values, p, ctxt);
				if (p.nextToken() != JsonToken.END_ARRAY) {
					return ctxt.reportInputMismatch(this.mapType, "expected the end of a [key, value] map entry");
				}
				map.put(key, value);
			}
			return map;
		}

		private static @Nullable Object read(ValueDeserializer<Object> deserializer, JsonParser p,
				DeserializationContext ctxt) {
			return p.hasToken(JsonToken.VALUE_NULL) ? deserializer.getNullValue(ctxt)
					: deserializer.deserialize(p, ctxt);
		}

	}

}
