package io.github.tieredcache.expression;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Parses the expressions and durations of the cache annotations and rules once, at
 * start-up, with SpEL's compiler in mixed mode (expressions that run often are compiled
 * to bytecode). Failures become {@link InvalidCacheAnnotationException}s naming the
 * method and attribute, or the property. Thread-safe.
 */
public final class CacheExpressions {

	private final SpelExpressionParser parser;

	/**
	 * Creates a parser that compiles expressions with the given class loader.
	 * @param classLoader the application's class loader
	 */
	public CacheExpressions(@Nullable ClassLoader classLoader) {
		this.parser = new SpelExpressionParser(new SpelParserConfiguration(SpelCompilerMode.MIXED, classLoader));
	}

	/**
	 * Parses an optional expression of an annotation.
	 * @param text the expression, empty for none
	 * @param method the annotated method, for the error message
	 * @param attribute the annotation attribute, e.g. {@code @Cached(key)}
	 * @return the expression, or {@code null} when the text is empty
	 * @throws InvalidCacheAnnotationException if the expression does not parse
	 */
	public @Nullable Expression parse(String text, Method method, String attribute) {
		return parse(text, (reason, cause) -> new InvalidCacheAnnotationException(method, attribute, reason,
				"Fix the SpEL expression, e.g. key = \"#id\" or key = \"#customer.id + ':' + #page\"", cause));
	}

	/**
	 * Parses an optional expression found outside an annotation (a configured rule).
	 * @param text the expression, empty for none
	 * @param property the property holding it
	 * @return the expression, or {@code null} when the text is empty
	 * @throws InvalidCacheAnnotationException if the expression does not parse
	 */
	public @Nullable Expression parse(String text, String property) {
		return parse(text, (reason, cause) -> new InvalidCacheAnnotationException(property, reason,
				"Fix the SpEL expression, e.g. \"#event.id\" or \"#event['chain']\"", cause));
	}

	/**
	 * Parses an optional template found outside an annotation, where {@code #{...}}
	 * encloses expressions and everything else is literal, e.g.
	 * {@code user:#{#event.id}:*}.
	 * @param text the template, empty for none
	 * @param property the property holding it
	 * @return the expression, or {@code null} when the text is empty
	 * @throws InvalidCacheAnnotationException if the template does not parse
	 */
	public @Nullable Expression parseTemplate(String text, String property) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return this.parser.parseExpression(text, ParserContext.TEMPLATE_EXPRESSION);
		}
		catch (ParseException | IllegalStateException ex) {
			throw new InvalidCacheAnnotationException(property,
					"'" + text + "' is not a valid template (" + ex.getMessage() + ")",
					"Write literal text with expressions in #{...}, e.g. \"user:#{#event.id}:*\"", ex);
		}
	}

	private @Nullable Expression parse(String text,
			BiFunction<String, Exception, InvalidCacheAnnotationException> failure) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return this.parser.parseExpression(text);
		}
		catch (ParseException | IllegalStateException ex) {
			throw failure.apply("'" + text + "' is not a valid SpEL expression (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Parses an optional, positive duration such as {@code 500ms}, {@code 30s},
	 * {@code 5m} or {@code PT1H}.
	 * @param text the duration, empty for none
	 * @param location the method and attribute or the property, for the error message
	 * @return the duration, or {@code null} when the text is empty
	 * @throws InvalidCacheAnnotationException if the text is not a positive duration
	 */
	public static @Nullable Duration duration(String text, String location) {
		if (text.isBlank()) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCacheAnnotationException(location, "'" + text + "' is not a duration",
					"Write a duration such as 500ms, 30s, 5m, 2h or PT1H", ex);
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidCacheAnnotationException(location, "'" + text + "' is not positive",
					"Write a positive duration such as 30s or 5m", null);
		}
		return duration;
	}

}
