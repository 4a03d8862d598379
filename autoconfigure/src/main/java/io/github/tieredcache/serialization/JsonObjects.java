package io.github.tieredcache.serialization;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Positions a parser for hand-written deserializers of JSON objects.
 */
final class JsonObjects {

	private JsonObjects() {
	}

	/**
	 * Move to the first property of the object the parser is at. Jackson calls a
	 * deserializer either at the object's start or, when it has already consumed a type
	 * id property, at the property after it (or the object's end).
	 * @param p the parser
	 * @return the current token afterwards: a property name, or the end of the object
	 */
	static JsonToken firstProperty(JsonParser p) {
		return p.hasToken(JsonToken.START_OBJECT) ? p.nextToken() : p.currentToken();
	}

}
