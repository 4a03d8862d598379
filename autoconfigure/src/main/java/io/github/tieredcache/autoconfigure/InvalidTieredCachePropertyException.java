package io.github.tieredcache.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@code tiered-cache.*} property has a value the cache cannot
 * use. Carries the property, the value, what is wrong and how to fix it;
 * {@link InvalidTieredCachePropertyFailureAnalyzer} turns it into Spring Boot's start-up
 * failure report.
 */
public class InvalidTieredCachePropertyException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String reason;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, e.g.
	 * {@code tiered-cache.caches.products.ttl}
	 * @param value the offending value
	 * @param reason what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidTieredCachePropertyException(String property, @Nullable Object value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason + ". " + action);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Returns the full name of the offending property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the offending value.
	 * @return the value
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Returns what is wrong with the value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
