package io.github.tieredcache.serialization;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.WritableTypeId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON form of Spring Data's {@link PageImpl} and {@link SliceImpl}, which have no
 * default constructor and a dozen derived getters: <pre>
 * {"@class":"org.springframework.data.domain.PageImpl","content":[...],"page":0,"size":20,
 *  "sort":[{"property":"name","direction":"DESC"}],"total":42}
 * </pre> {@code "content"} holds each element with its own type information,
 * {@code "page"}, {@code "size"} and {@code "sort"} are the page request as
 * {@link PageableJson} writes it, and a slice has {@code "hasNext"} instead of
 * {@code "total"}. Subclasses are written, and come back, as the Spring Data class they
 * extend.
 * <p>
 * Thread-safe.
 */
final class ChunkJson {

	private ChunkJson() {
	}

	private static JavaType contentType(tools.jackson.databind.DatabindContext ctxt) {
		return ctxt.getTypeFactory().constructCollectionType(List.class, Object.class);
	}

	/**
	 * Writes a {@link PageImpl} or {@link SliceImpl}.
	 */
	static final class Serializer extends StdSerializer<Slice<?>> {

		private final Class<?> recordedType;

		@SuppressWarnings("unchecked")
		Serializer(Class<?> recordedType) {
			super((Class<Slice<?>>) recordedType);
			this.recordedType = recordedType;
		}

		@Override
		public void serialize(Slice<?> chunk, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(chunk);
			writeProperties(chunk, gen, ctxt);
			gen.writeEndObject();
		}

		@Override
		public void serializeWithType(Slice<?> chunk, JsonGenerator gen, SerializationContext ctxt,
				TypeSerializer typeSer) {
			WritableTypeId typeId = typeSer.writeTypePrefix(gen, ctxt,
					typeSer.typeId(chunk, this.recordedType, JsonToken.START_OBJECT));
			writeProperties(chunk, gen, ctxt);
			typeSer.writeTypeSuffix(gen, ctxt, typeId);
		}

		private void writeProperties(Slice<?> chunk, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeName("content");
			ctxt.findContentValueSerializer(contentType(ctxt), null).serialize(chunk.getContent(), gen, ctxt);
			PageableJson.writeProperties(chunk.getPageable(), gen);
			if (chunk instanceof Page<?> page) {
				gen.writeNumberProperty("total", page.getTotalElements());
			}
			else {
				gen.writeBooleanProperty("hasNext", chunk.hasNext());
			}
		}

	}

	/**
	 * Reads a {@link PageImpl} or {@link SliceImpl}.
	 */
	static final class Deserializer extends StdDeserializer<Slice<?>> {

		private final boolean page;

		Deserializer(Class<?> type) {
			super(type);
			this.page = Page.class.isAssignableFrom(type);
		}

		@Override
		@SuppressWarnings("unchecked")
		public Slice<?> deserialize(JsonParser p, DeserializationContext ctxt) {
			@Nullable List<Object> content = null;
			Integer pageNumber = null;
			Integer size = null;
			Sort sort = Sort.unsorted();
			long total = 0;
			boolean hasNext = false;
			for (JsonToken token = JsonObjects.firstProperty(p); token == JsonToken.PROPERTY_NAME; token = p
				.nextToken()) {
				String name = p.currentName();
				p.nextToken();
				switch (name) {
					case "content" ->
						content = (List<Object>) ctxt.findContextualValueDeserializer(contentType(ctxt), null)
							.deserialize(p, ctxt);
					case "page" -> pageNumber = p.getIntValue();
					case "size" -> size = p.getIntValue();
					case "sort" -> sort = SortJson.readOrders(p, ctxt);
					case "total" -> total = p.getLongValue();
					case "hasNext" -> hasNext = p.getValueAsBoolean();
					default -> p.skipChildren();
				}
			}
			if (content == null) {
				return ctxt.reportInputMismatch(handledType(), "a page has no content");
			}
			Pageable pageable = PageableJson.pageable(pageNumber, size, sort);
			return this.page ? new PageImpl<>(content, pageable, total) : new SliceImpl<>(content, pageable, hasNext);
		}

	}

}
