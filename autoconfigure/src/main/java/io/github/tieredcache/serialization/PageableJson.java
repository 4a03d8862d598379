package io.github.tieredcache.serialization;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON form of a Spring Data {@link Pageable}: {@code "page"} and {@code "size"} when
 * paged (left out when unpaged), and {@code "sort"} as {@link SortJson} writes it when
 * sorted. A paged request is recorded as {@code PageRequest}, an unpaged one as
 * {@code Pageable}; other implementations come back as one of those two.
 * <p>
 * Thread-safe.
 */
final class PageableJson {

	private PageableJson() {
	}

	static void writeProperties(Pageable pageable, JsonGenerator gen) {
		if (pageable.isPaged()) {
			gen.writeNumberProperty("page", pageable.getPageNumber());
			gen.writeNumberProperty("size", pageable.getPageSize());
		}
		Sort sort = pageable.getSort();
		if (sort.isSorted()) {
			gen.writeName("sort");
			SortJson.writeOrders(sort, gen);
		}
	}

	static Pageable pageable(@Nullable Integer page, @Nullable Integer size, Sort sort) {
		if (page != null && size != null) {
			return PageRequest.of(page, size, sort);
		}
		return sort.isSorted() ? Pageable.unpaged(sort) : Pageable.unpaged();
	}

	/**
	 * Writes a {@link Pageable} on its own.
	 */
	static final class Serializer extends StdSerializer<Pageable> {

		Serializer() {
			super(Pageable.class);
		}

		@Override
		public void serialize(Pageable pageable, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(pageable);
			writeProperties(pageable, gen);
			gen.writeEndObject();
		}

		@Override
		public void serializeWithType(Pageable pageable, JsonGenerator gen, SerializationContext ctxt,
				TypeSerializer typeSer) {
			Class<?> recordedType = pageable.isPaged() ? PageRequest.class : Pageable.class;
			WritableTypeId typeId = typeSer.writeTypePrefix(gen, ctxt,
					typeSer.typeId(pageable, recordedType, JsonToken.START_OBJECT));
			writeProperties(pageable, gen);
			typeSer.writeTypeSuffix(gen, ctxt, typeId);
		}

	}

	/**
	 * Reads a {@link Pageable} on its own.
	 */
	static final class Deserializer extends StdDeserializer<Pageable> {

		Deserializer() {
			super(Pageable.class);
		}

		@Override
		public Pageable deserialize(JsonParser p, DeserializationContext ctxt) {
			Integer page = null;
			Integer size = null;
			Sort sort = Sort.unsorted();
			for (JsonToken token = JsonObjects.firstProperty(p); token == JsonToken.PROPERTY_NAME; token = p
				.nextToken()) {
				String name = p.currentName();
				p.nextToken();
				switch (name) {
					case "page" -> page = p.getIntValue();
					case "size" -> size = p.getIntValue();
					case "sort" -> sort = SortJson.readOrders(p, ctxt);
					default -> p.skipChildren();
				}
			}
			return pageable(page, size, sort);
		}

	}

}
