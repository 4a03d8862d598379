package io.github.tieredcache.write;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;

/**
 * One {@code @WriteThrough} or {@code @WriteBehind} method, parsed. Immutable.
 *
 * @param kind which strategy
 * @param method the method as declared in the bean's class
 * @param cacheName the cache
 * @param key the key expression, or {@code null} for all arguments
 * @param value the value expression, or {@code null} for the single argument
 */
record WriteOperation(Kind kind, Method method, String cacheName, @Nullable Expression key,
		@Nullable Expression value) {

	/**
	 * Returns the name queue entries give the method by, the same on every instance
	 * running the same code.
	 * @return the method's id
	 */
	String methodId() {
		return methodId(this.method);
	}

	static String methodId(Method method) {
		StringBuilder id = new StringBuilder(method.getDeclaringClass().getName()).append('#')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			id.append((i > 0) ? "," : "").append(types[i].getName());
		}
		return id.append(')').toString();
	}

	/**
	 * The write strategies.
	 */
	enum Kind {

		/**
		 * {@code @WriteThrough}.
		 */
		THROUGH,

		/**
		 * {@code @WriteBehind}.
		 */
		BEHIND

	}

}
