package io.github.tieredcache.serialization;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import org.jspecify.annotations.Nullable;

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
 * <li>a map with a key that would come back as another type: JSON keys are text, read
 * back as the map's declared key type, so a {@code Long} key of a map declared with
 * {@code Object} keys would return as a {@code String}, and a key without a text form
 * (such as a record) not at all ({@code EnumMap} records its key type, and is
 * exempt).</li>
 * </ul>
 * Thread-safe.
 */
final class StorableCollectionSerializer extends DelegatingSerializer {

	private final @Nullable Class<?> declaredKeyType;

	StorableCollectionSerializer(ValueSerializer<?> delegatee, JavaType type) {
		this(delegatee, type.isMapLikeType() ? type.getKeyType().getRawClass() : null);
	}

	private StorableCollectionSerializer(ValueSerializer<?> delegatee, @Nullable Class<?> declaredKeyType) {
		super(delegatee);
		this.declaredKeyType = declaredKeyType;
	}

	@Override
	protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee) {
		return new StorableCollectionSerializer(newDelegatee, this.declaredKeyType);
	}

	@Override
	public boolean isEmpty(SerializationContext ctxt, Object value) {
		LazyAssociations.requireLoaded(value);
		return super.isEmpty(ctxt, value);
	}

	@Override
	public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
		requireStorable(value);
		super.serialize(value, gen, ctxt);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
		requireStorable(value);
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
		if (value instanceof Map<?, ?> map && !(value instanceof EnumMap) && this.declaredKeyType != null) {
			for (Object key : map.keySet()) {
				if (key != null && !MapKeys.comesBackAs(key, this.declaredKeyType)) {
					throw new CacheValueSerializationException("a map key of type " + key.getClass().getName()
							+ " would not come back as itself from a map declared with "
							+ this.declaredKeyType.getName() + " keys; use String, number, UUID, enum or java.time "
							+ "keys in a map whose declared key type is exactly that type");
				}
			}
		}
	}

}
