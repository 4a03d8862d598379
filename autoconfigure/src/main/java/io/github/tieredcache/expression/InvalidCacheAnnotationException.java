package io.github.tieredcache.expression;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Thrown at start-up when a {@code @Cached} or {@code @InvalidateOn} annotation cannot
 * work as written; the message names the class, the method, the attribute, what is wrong
 * and how to fix it.
 */
public class InvalidCacheAnnotationException extends IllegalStateException {

	private final String location;

	private final String reason;

	private final String action;

	/**
	 * Creates an exception for an annotated method.
	 * @param method the method
	 * @param attribute the annotation and attribute, e.g. {@code @Cached(key)}
	 * @param reason what is wrong
	 * @param action how to fix it
	 * @param cause the underlying failure, if any
	 */
	public InvalidCacheAnnotationException(Method method, String attribute, String reason, String action,
			@Nullable Throwable cause) {
		this(describe(method) + " " + attribute, reason, action, cause);
	}

	/**
	 * Creates an exception for a location other than a method, such as a configured rule.
	 * @param location what is wrong, e.g. a property name
	 * @param reason what is wrong
	 * @param action how to fix it
	 * @param cause the underlying failure, if any
	 */
	public InvalidCacheAnnotationException(String location, String reason, String action, @Nullable Throwable cause) {
		super(location + ": " + reason + ". " + action, cause);
		this.location = location;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Returns where the problem is: the method and attribute, or the property.
	 * @return the location
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * Returns what is wrong.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns how to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Describes a method as {@code com.example.Service.method(String, int)}.
	 * @param method the method
	 * @return the description
	 */
	public static String describe(Method method) {
		StringBuilder description = new StringBuilder(method.getDeclaringClass().getName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			description.append((i > 0) ? ", " : "").append(ClassUtils.getShortName(types[i]));
		}
		return description.append(')').toString();
	}

}
