package io.github.tieredcache.serialization;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.DelegatingSerializer;

/**
 * Writes a collection or map, unless it could not come back as it is:
 * <ul>
 * <li>a persistent (ORM-managed) collection that was never loaded: asking it for its
 * elements would run a query from inside a serializer or fail with the ORM's own
 * exception;</li>
 * <li>a sorted set or map with a comparator of its own: a comparator is code, not data,
 * and the elements would come back in natural order, or not at all;</li>
 * </ul>
 * A map with a key that would come back as another type from a JSON property name (a
 * {@code Long} key of a map declared with {@code Object} keys, a record key) is written
 * in {@link MapEntriesJson}'s entry form instead; {@code EnumMap} records its key type,
 * and keeps the object form.
 * <p>
 * Thread-safe.
 */
final class StorableCollectionSerializer extends DelegatingSerializer {

	private final JavaType type;

	StorableCollectionSerializer(ValueSerializer<?> delegatee, JavaType type) {
		super(delegatee);
		this.type = type;
	}

	@Override
	protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee) {
		return new StorableCollectionSerializer(newDelegatee, this.type);
	}

	@Override
	public boolean isEmpty(SerializationContext ctxt, Object value) {
		LazyAssociations.requireLoaded(value);
		return super.isEmpty(ctxt, value);
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
		requireStorable(value);
		if (needsEntryForm(value)) {
			MapEntriesJson.write((Map<?, ?>) value, this.type, gen, ctxt, null);
			return;
		}
		super.serialize(value, gen, ctxt);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		requireStorable(value);
		if (needsEntryForm(value)) {
			MapEntriesJson.write((Map<?, ?>) value, this.type, gen, ctxt, typeSer);
			return;
		}
		super.serializeWithType(value, gen, ctxt, typeSer);
	}

	private void requireStorable(Object value) {
		LazyAssociations.requireLoaded(value);
		Comparator<?> comparator = (value instanceof SortedSet<?> set) ? set.comparator()
				: (value instanceof SortedMap<?, ?> map) ? map.comparator() : null;
		if (comparator != null && comparator != Comparator.naturalOrder()) {
			throw new CacheValueSerializationException("a sorted " + (value instanceof Map ? "map" : "set")
					+ " with a comparator of its own cannot be stored, as a comparator is code, not data; store its "
					+ "elements in a List or a naturally ordered TreeSet/TreeMap and sort them where they are read");
		}
	}

	private boolean needsEntryForm(Object value) {
		return value instanceof Map<?, ?> map && !(value instanceof EnumMap) && this.type.isMapLikeType()
				&& MapEntriesJson.isNeededFor(map, this.type.getKeyType().getRawClass());
	}

}
