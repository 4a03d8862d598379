package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

/**
 * Explains a {@code tiered-cache.*} value that could not even be converted (such as
 * {@code ttl: banana} or an unknown serialization format) with the property, the value
 * and an example of a valid one. Runs before Spring Boot's generic binding analyzer, and
 * leaves every other property to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class TieredCacheBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "tiered-cache";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null || !property.getName().toString().startsWith(PREFIX + ".")) {
			return null;
		}
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		String name = property.getName().toString();
		String description = "Invalid value '" + property.getValue() + "' for property '" + name + "'"
				+ ((property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "") + ": it is not a "
				+ describe(type) + ".";
		return new FailureAnalysis(description, "Set " + name + " to " + example(type) + ".", cause);
	}

	private static String describe(Class<?> type) {
		if (type == Duration.class) {
			return "duration";
		}
		if (type == DataSize.class) {
			return "data size";
		}
		if (type.isEnum()) {
			return "known " + type.getSimpleName();
		}
		if (type == boolean.class || type == Boolean.class) {
			return "boolean";
		}
		if (type == double.class || type == Double.class) {
			return "decimal number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "whole number";
		}
		return "valid " + type.getSimpleName();
	}

	private static String example(Class<?> type) {
		if (type == Duration.class) {
			return "a duration such as 10m, 30s, 500ms or PT1H";
		}
		if (type == DataSize.class) {
			return "a size such as 512KB or 1MB";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == double.class || type == Double.class) {
			return "a decimal number such as 0.1";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a whole number such as 1000";
		}
		return "a valid " + type.getSimpleName();
	}

}
