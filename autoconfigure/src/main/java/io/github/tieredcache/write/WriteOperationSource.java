package io.github.tieredcache.write;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.tieredcache.annotation.WriteBehind;
import io.github.tieredcache.annotation.WriteThrough;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;

/**
 * Finds and parses the {@link WriteThrough @WriteThrough} or {@link WriteBehind
 *
 * @WriteBehind} annotation of a method, once per method and bean class, on the method or
 * the interface or superclass method it implements. Thread-safe.
 */
final class WriteOperationSource {

	private final CacheExpressions expressions;

	private final Map<MethodClassKey, Optional<WriteOperation>> operations = new ConcurrentHashMap<>();

	WriteOperationSource(CacheExpressions expressions) {
		this.expressions = expressions;
	}

	/**
	 * Returns the write operation of a method of a bean class, parsing (and validating)
	 * its annotation the first time.
	 * @param method the method, possibly an interface method
	 * @param targetClass the bean's class, if known
	 * @return the operation, or {@code null} when the method has neither annotation
	 * @throws InvalidCacheAnnotationException if the annotation is invalid
	 */
	@Nullable WriteOperation find(Method method, @Nullable Class<?> targetClass) {
		return this.operations
			.computeIfAbsent(new MethodClassKey(method, targetClass),
					(key) -> Optional.ofNullable(parse(method, targetClass)))
			.orElse(null);
	}

	private @Nullable WriteOperation parse(Method method, @Nullable Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		WriteThrough through = find(specific, method, WriteThrough.class);
		WriteBehind behind = find(specific, method, WriteBehind.class);
		if (through != null && behind != null) {
			throw new InvalidCacheAnnotationException(specific, "@WriteThrough", "the method is also @WriteBehind",
					"Keep one of the two: @WriteThrough caches after the method ran, @WriteBehind runs it later", null);
		}
		if (through != null) {
			requireCache(specific, "@WriteThrough(cache)", through.cache());
			if (specific.getReturnType() == void.class && through.value().contains("#result")) {
				throw new InvalidCacheAnnotationException(specific, "@WriteThrough(value)",
						"the method returns nothing, so '" + through.value() + "' has no result to cache",
						"Return the written value, or name the value to cache from the arguments, e.g. value = \"#account\"",
						null);
			}
			return new WriteOperation(WriteOperation.Kind.THROUGH, specific, through.cache(),
					this.expressions.parse(through.key(), specific, "@WriteThrough(key)"),
					this.expressions.parse(through.value(), specific, "@WriteThrough(value)"));
		}
		if (behind != null) {
			requireCache(specific, "@WriteBehind(cache)", behind.cache());
			if (specific.getReturnType() != void.class) {
				throw new InvalidCacheAnnotationException(specific, "@WriteBehind",
						"the method returns " + specific.getReturnType().getSimpleName()
								+ ", but it runs later, so no caller could receive the result",
						"Make the method void, or use @WriteThrough to write synchronously", null);
			}
			if (behind.value().isBlank() && specific.getParameterCount() != 1) {
				throw new InvalidCacheAnnotationException(specific, "@WriteBehind(value)",
						"no value to cache is named and the method has " + specific.getParameterCount() + " arguments",
						"Name the value to cache, e.g. @WriteBehind(cache = \"views\", key = \"#id\", value = \"#count\")",
						null);
			}
			for (String expression : new String[] { behind.key(), behind.value() }) {
				if (expression.contains("#result")) {
					throw new InvalidCacheAnnotationException(specific, "@WriteBehind",
							"'" + expression + "' uses #result, but the method runs later",
							"Use the arguments only, e.g. key = \"#id\"", null);
				}
			}
			return new WriteOperation(WriteOperation.Kind.BEHIND, specific, behind.cache(),
					this.expressions.parse(behind.key(), specific, "@WriteBehind(key)"),
					this.expressions.parse(behind.value(), specific, "@WriteBehind(value)"));
		}
		return null;
	}

	private static <A extends java.lang.annotation.Annotation> @Nullable A find(Method specific, Method method,
			Class<A> type) {
		A found = AnnotatedElementUtils.findMergedAnnotation(specific, type);
		return (found == null && specific != method) ? AnnotatedElementUtils.findMergedAnnotation(method, type) : found;
	}

	private static void requireCache(Method method, String attribute, String cache) {
		if (cache.isBlank()) {
			throw new InvalidCacheAnnotationException(method, attribute, "no cache is named",
					"Name the cache, e.g. cache = \"accounts\"", null);
		}
	}

	/**
	 * Parses an expression that is not a write annotation's own, for the read path.
	 */
	@Nullable Expression parse(String text, Method method, String attribute) {
		return this.expressions.parse(text, method, attribute);
	}

}
