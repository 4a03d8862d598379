package io.github.tieredcache.serialization;

import com.fasterxml.jackson.annotation.SimpleObjectIdResolver;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ReadableObjectId;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;

/**
 * Reads polymorphic values as Jackson does, and the {@code ["@ref", 3]} form that
 * {@link SharedReferenceSerializer} writes as the object that was given number 3 earlier
 * in the same value.
 * <p>
 * Thread-safe.
 */
final class SharedReferenceTypeDeserializer extends AsPropertyTypeDeserializer {

	SharedReferenceTypeDeserializer(AsPropertyTypeDeserializer source, @Nullable BeanProperty property) {
		super(source, property);
	}

	@Override
	public TypeDeserializer forProperty(BeanProperty property) {
		return (property == this._property) ? this : new SharedReferenceTypeDeserializer(this, property);
	}

	/**
	 * Reads the wrapper-array form, {@code [typeId, value]}, which Jackson uses for
	 * values that are not JSON objects, and this class for references.
	 */
	@Override
	protected Object _deserialize(JsonParser p, DeserializationContext ctxt) {
		if (!p.isExpectedStartArrayToken()) {
			return super._deserialize(p, ctxt);
		}
		if (p.nextToken() != JsonToken.VALUE_STRING) {
			return ctxt.reportInputMismatch(baseType(), "expected a type id as the first element of a typed value");
		}
		String typeId = p.getString();
		p.nextToken();
		Object value = SharedReferenceSerializer.REFERENCE_TYPE_ID.equals(typeId) ? resolve(p, ctxt)
				: deserializer(ctxt, typeId).deserialize(p, ctxt);
		if (p.nextToken() != JsonToken.END_ARRAY) {
			return ctxt.reportInputMismatch(baseType(), "expected the end of a typed value");
		}
		return value;
	}

	private ValueDeserializer<Object> deserializer(DeserializationContext ctxt, String typeId) {
		return _findDeserializer(ctxt, typeId);
	}

	private Object resolve(JsonParser p, DeserializationContext ctxt) {
		if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
			return ctxt.reportInputMismatch(baseType(), "a reference is not a number");
		}
		ReadableObjectId identity = ctxt.findObjectId(p.getIntValue(), SharedReferenceSerializer.IDS,
				new SimpleObjectIdResolver());
		Object target = identity.resolve();
		if (target == null) {
			return ctxt.reportInputMismatch(baseType(), "a reference points to no object written before it");
		}
		if (!baseType().getRawClass().isInstance(target)) {
			return ctxt.reportInputMismatch(baseType(), "a reference points to a " + target.getClass().getName());
		}
		return target;
	}

}
