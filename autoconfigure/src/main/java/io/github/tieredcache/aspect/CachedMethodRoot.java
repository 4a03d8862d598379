package io.github.tieredcache.aspect;

import java.lang.reflect.Method;

/**
 * The root object of {@code @Cached} expressions, as {@code #root}: the method, the
 * target bean and the arguments.
 *
 * @param method the method called
 * @param target the bean called
 * @param targetClass the bean's class
 * @param args the arguments
 */
record CachedMethodRoot(Method method, Object target, Class<?> targetClass, Object[] args) {

	/**
	 * Returns the method's name, as {@code #root.methodName}.
	 * @return the name
	 */
	public String methodName() {
		return this.method.getName();
	}

}
