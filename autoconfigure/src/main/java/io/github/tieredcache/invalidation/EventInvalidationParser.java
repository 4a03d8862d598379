package io.github.tieredcache.invalidation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import io.github.tieredcache.annotation.InvalidateOn;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.util.ClassUtils;

/**
 * Turns {@link InvalidateOn} annotations and {@link InvalidationRule}s into
 * {@link EventInvalidation}s, failing with the method or property named when something
 * cannot work.
 */
final class EventInvalidationParser {

	private final CacheExpressions expressions;

	private final @Nullable ClassLoader classLoader;

	EventInvalidationParser(CacheExpressions expressions, @Nullable ClassLoader classLoader) {
		this.expressions = expressions;
		this.classLoader = classLoader;
	}

	EventInvalidation parse(Method method, String cacheName, InvalidateOn annotation) {
		String where = InvalidCacheAnnotationException.describe(method);
		if (annotation.event().length == 0 && annotation.name().length == 0) {
			throw new InvalidCacheAnnotationException(method, "@InvalidateOn", "it names no event",
					"Give the event class, e.g. @InvalidateOn(event = ProductChanged.class), or a name, e.g. "
							+ "@InvalidateOn(name = \"product-changed\")",
					null);
		}
		Expression key = this.expressions.parse(annotation.key(), method, "@InvalidateOn(key)");
		return new EventInvalidation(where + " @InvalidateOn", List.of(annotation.event()),
				new LinkedHashSet<>(List.of(annotation.name())),
				this.expressions.parse(annotation.condition(), method, "@InvalidateOn(condition)"), List.of(cacheName),
				(key != null) ? List.of(key) : List.of(), List.of(), List.of(), List.of(),
				CacheExpressions.duration(annotation.delay(), where + " @InvalidateOn(delay)"));
	}

	EventInvalidation parse(InvalidationRule rule) {
		String property = rule.property();
		if (rule.event() == null || rule.event().isBlank()) {
			throw new InvalidCacheAnnotationException(property + ".event", "the rule names no event",
					"Set " + property + ".event to an event class name or a logical event name", null);
		}
		if (rule.caches().isEmpty() && rule.tags().isEmpty() && rule.cascade().isEmpty()) {
			throw new InvalidCacheAnnotationException(property + ".caches", "the rule invalidates nothing",
					"Set " + property + ".caches (with keys or patterns, or alone for whole caches), " + property
							+ ".tags or " + property + ".cascade",
					null);
		}
		if (rule.caches().isEmpty() && (!rule.keys().isEmpty() || !rule.patterns().isEmpty())) {
			throw new InvalidCacheAnnotationException(property + ".caches", "keys and patterns need a cache",
					"Name the caches the keys belong to in " + property + ".caches", null);
		}
		Class<?> type = eventClass(rule.event());
		Duration delay = rule.delay();
		if (delay != null && (delay.isNegative() || delay.isZero())) {
			throw new InvalidCacheAnnotationException(property + ".delay", "'" + delay + "' is not positive",
					"Set " + property + ".delay to a positive duration such as 500ms, or remove it", null);
		}
		return new EventInvalidation(property, (type != null) ? List.of(type) : List.of(),
				(type != null) ? Set.of() : Set.of(rule.event()),
				this.expressions.parse(rule.condition(), property + ".condition"), List.copyOf(rule.caches()),
				each(rule.keys(), property + ".keys", this.expressions::parse),
				each(rule.patterns(), property + ".patterns", this.expressions::parseTemplate),
				each(rule.tags(), property + ".tags", this.expressions::parse), List.copyOf(rule.cascade()), delay);
	}

	private @Nullable Class<?> eventClass(String event) {
		if (!event.contains(".")) {
			return null;
		}
		try {
			return ClassUtils.forName(event, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// Not a class: a logical event name that happens to contain a dot
			return null;
		}
	}

	private static List<Expression> each(List<String> texts, String property,
			BiFunction<String, String, @Nullable Expression> parser) {
		List<Expression> parsed = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			Expression expression = parser.apply(texts.get(i), property + "[" + i + "]");
			if (expression != null) {
				parsed.add(expression);
			}
		}
		return List.copyOf(parsed);
	}

}
