package io.github.tieredcache.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Hands configured values to the library, which owns every default and every rule, and
 * turns a value the library rejects into an {@link InvalidTieredCachePropertyException}
 * that names the property and the fix. The property layer adds no rule of its own: the
 * reason in the report is the library's message, with the offending value.
 */
final class PropertyRules {

	private PropertyRules() {
	}

	/**
	 * Runs {@code apply}, which passes {@code value} to a library builder or constructor.
	 * @param property the full name of the property the value comes from
	 * @param value the value, as the report should show it
	 * @param fix what to set the property to instead, e.g. {@code a positive duration
	 * such as 10m}
	 * @param apply hands the value to the library
	 * @throws InvalidTieredCachePropertyException if the library rejects the value
	 */
	static void apply(String property, @Nullable Object value, String fix, Runnable apply) {
		build(property, value, fix, () -> {
			apply.run();
			return value;
		});
	}

	/**
	 * Runs {@code build}, whose checks involve {@code value}, and returns what it built.
	 * @param <T> the type built
	 * @param property the full name of the property the value comes from
	 * @param value the value, as the report should show it
	 * @param fix what to set the property to instead
	 * @param build builds a library object with the value
	 * @return what {@code build} returned
	 * @throws InvalidTieredCachePropertyException if the library rejects the value
	 */
	static <T> T build(String property, @Nullable Object value, String fix, Supplier<T> build) {
		try {
			return build.get();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTieredCachePropertyException(property, display(value), String.valueOf(ex.getMessage()),
					"Set " + property + " to " + fix + ".");
		}
	}

	/**
	 * Shows a duration as it is usually written in {@code application.yml}.
	 */
	static @Nullable Object display(@Nullable Object value) {
		if (!(value instanceof Duration duration)) {
			return value;
		}
		long millis = duration.toMillis();
		if (millis % 3_600_000 == 0 && millis != 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0 && millis != 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
