package io.github.tieredcache.serialization;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
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
 * The JSON form of a Spring Data {@link Sort}: a list of orders, each
 * {@code {"property":"name","direction":"DESC"}}, with {@code "ignoreCase":true} and
 * {@code "nullHandling":"NULLS_FIRST"} only when they differ from the defaults. A
 * {@code Sort} on its own is {@code {"orders":[...]}}; inside a page or page request the
 * list is the {@code "sort"} property, left out when unsorted.
 * <p>
 * Subclasses such as {@code JpaSort} are written, and come back, as a plain {@code Sort}.
 * Thread-safe.
 */
final class SortJson {

	private SortJson() {
	}

	static void writeOrders(Sort sort, JsonGenerator gen) {
		gen.writeStartArray();
		for (Sort.Order order : sort) {
			gen.writeStartObject();
			gen.writeStringProperty("property", order.getProperty());
			gen.writeStringProperty("direction", order.getDirection().name());
			if (order.isIgnoreCase()) {
				gen.writeBooleanProperty("ignoreCase", true);
			}
			if (order.getNullHandling() != Sort.NullHandling.NATIVE) {
				gen.writeStringProperty("nullHandling", order.getNullHandling().name());
			}
			gen.writeEndObject();
		}
		gen.writeEndArray();
	}

	static Sort readOrders(JsonParser p, DeserializationContext ctxt) {
		if (!p.hasToken(JsonToken.START_ARRAY)) {
			return ctxt.reportInputMismatch(Sort.class, "expected an array of sort orders");
		}
		List<Sort.Order> orders = new ArrayList<>();
		while (p.nextToken() == JsonToken.START_OBJECT) {
			orders.add(readOrder(p, ctxt));
		}
		return orders.isEmpty() ? Sort.unsorted() : Sort.by(orders);
	}

	private static Sort.Order readOrder(JsonParser p, DeserializationContext ctxt) {
		String property = null;
		Sort.Direction direction = Sort.DEFAULT_DIRECTION;
		boolean ignoreCase = false;
		Sort.NullHandling nullHandling = Sort.NullHandling.NATIVE;
		for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
			String name = p.currentName();
			p.nextToken();
			switch (name) {
				case "property" -> property = p.getValueAsString();
				case "direction" -> direction = Sort.Direction.valueOf(p.getValueAsString());
				case "ignoreCase" -> ignoreCase = p.getValueAsBoolean();
				case "nullHandling" -> nullHandling = Sort.NullHandling.valueOf(p.getValueAsString());
				default -> p.skipChildren();
			}
		}
		if (property == null) {
			return ctxt.reportInputMismatch(Sort.Order.class, "a sort order has no property");
		}
		return new Sort.Order(direction, property, ignoreCase, nullHandling);
	}

	/**
	 * Writes a {@link Sort} on its own.
	 */
	static final class Serializer extends StdSerializer<Sort> {

		Serializer() {
			super(Sort.class);
		}

		@Override
		public void serialize(Sort sort, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeStartObject(sort);
			writeProperties(sort, gen);
			gen.writeEndObject();
		}

		@Override
		public void serializeWithType(Sort sort, JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
			WritableTypeId typeId = typeSer.writeTypePrefix(gen, ctxt,
					typeSer.typeId(sort, Sort.class, JsonToken.START_OBJECT));
			writeProperties(sort, gen);
			typeSer.writeTypeSuffix(gen, ctxt, typeId);
		}

		private void writeProperties(Sort sort, JsonGenerator gen) {
			gen.writeName("orders");
			writeOrders(sort, gen);
		}

	}

	/**
	 * Reads a {@link Sort} on its own.
	 */
	static final class Deserializer extends StdDeserializer<Sort> {

		Deserializer() {
			super(Sort.class);
		}

		@Override
		public Sort deserialize(JsonParser p, DeserializationContext ctxt) {
			@Nullable Sort sort = null;
			for (JsonToken token = JsonObjects.firstProperty(p); token == JsonToken.PROPERTY_NAME; token = p
				.nextToken()) {
				String name = p.currentName();
				p.nextToken();
				if (name.equals("orders")) {
					sort = readOrders(p, ctxt);
				}
				else {
					p.skipChildren();
				}
			}
			return (sort != null) ? sort : Sort.unsorted();
		}

	}

}
