package io.github.tieredcache.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.github.tieredcache.invalidation.CacheInvalidator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook body, read strictly: either {@code {"event": name, "context": {...}}}, handed
 * to {@link CacheInvalidator#publish}, or {@code {"cache": name, "keys": [...],
 * "patterns": [...], "tags": [...]}}, handed to the invalidator's other methods. Unknown
 * fields are refused, so a typo ({@code "key"}) is an error rather than a call that
 * invalidates nothing. Immutable.
 *
 * @param cacheName the cache named, or {@code null} for an event or tags only
 * @param invalidation what to invalidate
 */
record WebhookBody(@Nullable String cacheName, Consumer<CacheInvalidator> invalidation) {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Set<String> EVENT_FIELDS = Set.of("event", "context");

	private static final Set<String> CACHE_FIELDS = Set.of("cache", "keys", "patterns", "tags");

	/**
	 * Reads a body.
	 * @param body the raw body
	 * @return what it asks for
	 * @throws IllegalArgumentException saying what is wrong with the body
	 */
	static WebhookBody parse(byte[] body) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The body is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("The body must be a JSON object with \"event\" or \"cache\"/\"tags\"");
		}
		if (root.has("event")) {
			return event(root);
		}
		if (root.has("cache") || root.has("tags")) {
			return caches(root);
		}
		throw new IllegalArgumentException("The body names neither an \"event\" nor a \"cache\" or \"tags\"");
	}

	private static WebhookBody event(JsonNode root) {
		checkFields(root, EVENT_FIELDS);
		String name = text(root.get("event"), "event");
		JsonNode context = root.get("context");
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		if (context != null && !context.isNull()) {
			if (!context.isObject()) {
				throw new IllegalArgumentException("\"context\" must be a JSON object");
			}
			for (Map.Entry<String, JsonNode> entry : context.properties()) {
				values.put(entry.getKey(), json.treeToValue(entry.getValue(), Object.class));
			}
		}
		Map<String, @Nullable Object> event = Collections.unmodifiableMap(values);
		return new WebhookBody(null, (invalidator) -> invalidator.publish(name, event));
	}

	private static WebhookBody caches(JsonNode root) {
		checkFields(root, CACHE_FIELDS);
		JsonNode cacheNode = root.get("cache");
		String cache = (cacheNode != null) ? text(cacheNode, "cache") : null;
		List<String> keys = texts(root, "keys");
		List<String> patterns = texts(root, "patterns");
		List<String> tags = texts(root, "tags");
		if (cache == null && (!keys.isEmpty() || !patterns.isEmpty())) {
			throw new IllegalArgumentException("\"keys\" and \"patterns\" need the \"cache\" they belong to");
		}
		if (keys.isEmpty() && patterns.isEmpty() && tags.isEmpty()) {
			throw new IllegalArgumentException("Nothing to invalidate: give \"keys\", \"patterns\" or \"tags\" "
					+ "(the pattern \"*\" clears a whole cache)");
		}
		return new WebhookBody(cache, (invalidator) -> {
			keys.forEach((key) -> invalidator.invalidate(cache, key));
			patterns.forEach((pattern) -> invalidator.invalidatePattern(cache, pattern));
			tags.forEach(invalidator::invalidateTag);
		});
	}

	private static void checkFields(JsonNode root, Set<String> allowed) {
		for (String field : root.propertyNames()) {
			if (!allowed.contains(field)) {
				throw new IllegalArgumentException("Unknown field \"" + abbreviate(field) + "\"; a body has either "
						+ EVENT_FIELDS.stream().sorted().toList() + " or " + CACHE_FIELDS.stream().sorted().toList());
			}
		}
	}

	private static String text(@Nullable JsonNode node, String field) {
		if (node == null || !(node.isString() || node.isNumber()) || node.asString().isBlank()) {
			throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
		}
		return node.asString();
	}

	private static List<String> texts(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException("\"" + field + "\" must be an array of strings");
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode element : node.values()) {
			texts.add(text(element, field + "[" + texts.size() + "]"));
		}
		return List.copyOf(texts);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}
