package io.github.tieredcache.http;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import io.github.tieredcache.annotation.CachedResponse;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.http.HttpEntity;
import org.springframework.util.ClassUtils;

/**
 * Finds and parses the {@link CachedResponse @CachedResponse} annotation of a method,
 * once per method and class, for Spring MVC or for WebFlux, where a method must return a
 * {@code Mono} or a {@code Flux}. Thread-safe.
 */
final class CachedResponseOperationSource {

	/**
	 * Results Spring MVC writes later, on another thread or piece by piece: never cached.
	 */
	private static final List<String> STREAMING = List.of(
			"org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter",
			"org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody",
			"org.springframework.web.context.request.async.DeferredResult",
			"org.springframework.web.context.request.async.WebAsyncTask", "org.reactivestreams.Publisher",
			"org.springframework.core.io.Resource");

	/**
	 * What a WebFlux handler method returns for its response to be cached.
	 */
	private static final List<String> REACTIVE = List.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");

	private final CacheExpressions expressions;

	private final boolean reactive;

	private final Map<MethodClassKey, Optional<CachedResponseOperation>> operations = new ConcurrentHashMap<>();

	/**
	 * Creates a source.
	 * @param expressions parses the annotations' expressions
	 * @param reactive whether the methods are WebFlux handlers
	 */
	CachedResponseOperationSource(CacheExpressions expressions, boolean reactive) {
		this.expressions = expressions;
		this.reactive = reactive;
	}

	@Nullable CachedResponseOperation find(Method method, @Nullable Class<?> targetClass) {
		return this.operations
			.computeIfAbsent(new MethodClassKey(method, targetClass),
					(key) -> Optional.ofNullable(parse(method, targetClass)))
			.orElse(null);
	}

	private @Nullable CachedResponseOperation parse(Method method, @Nullable Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		CachedResponse annotation = AnnotatedElementUtils.findMergedAnnotation(specific, CachedResponse.class);
		if (annotation == null) {
			return null;
		}
		if (annotation.cache().isBlank()) {
			throw new InvalidCacheAnnotationException(specific, "@CachedResponse(cache)", "no cache is named",
					"Name the cache, or leave the default \"" + CachedResponse.DEFAULT_CACHE + "\"", null);
		}
		if (specific.getReturnType() == void.class || specific.getReturnType().isPrimitive()) {
			throw new InvalidCacheAnnotationException(specific, "@CachedResponse",
					"the method returns " + specific.getReturnType() + ", which a cached answer cannot stand in for",
					"Return the body (an object or String) or a ResponseEntity", null);
		}
		if (this.reactive && !returnsOneOf(specific, REACTIVE)) {
			throw new InvalidCacheAnnotationException(specific, "@CachedResponse",
					"the method returns " + specific.getReturnType().getName()
							+ ", which WebFlux writes without a subscription the cache could stand in for",
					"Return a Mono or a Flux (Mono.just(value) for a value at hand)", null);
		}
		List<Expression> tags = new ArrayList<>();
		for (String tag : annotation.tags()) {
			Expression parsed = this.expressions.parse(tag, specific, "@CachedResponse(tags)");
			if (parsed != null) {
				tags.add(parsed);
			}
		}
		List<String> vary = Arrays.stream(annotation.vary()).map(String::strip).filter((h) -> !h.isEmpty()).toList();
		String variant = specific.getDeclaringClass().getName() + "#" + specific.getName()
				+ Arrays.toString(specific.getParameterTypes());
		return new CachedResponseOperation(specific, variant, annotation.cache(),
				this.expressions.parse(annotation.key(), specific, "@CachedResponse(key)"),
				CacheExpressions.duration(annotation.ttl(),
						InvalidCacheAnnotationException.describe(specific) + " @CachedResponse(ttl)"),
				vary, List.copyOf(tags), annotation.cacheControl().strip(), !this.reactive && isStreaming(specific));
	}

	private static boolean isStreaming(Method method) {
		ResolvableType type = ResolvableType.forMethodReturnType(method);
		if (HttpEntity.class.isAssignableFrom(type.toClass())) {
			type = type.as(HttpEntity.class).getGeneric(0);
		}
		Class<?> returned = type.toClass();
		if (Callable.class.isAssignableFrom(returned) || CompletionStage.class.isAssignableFrom(returned)
				|| Future.class.isAssignableFrom(returned)) {
			return true;
		}
		return isAny(method, STREAMING);
	}

	/**
	 * Whether the method's declared return type is one of the named types.
	 */
	private static boolean returnsOneOf(Method method, List<String> types) {
		ClassLoader loader = method.getDeclaringClass().getClassLoader();
		return types.stream()
			.anyMatch((name) -> ClassUtils.isPresent(name, loader)
					&& ClassUtils.resolveClassName(name, loader).isAssignableFrom(method.getReturnType()));
	}

	/**
	 * Whether the method's result is one of the named types, where present.
	 */
	private static boolean isAny(Method method, List<String> types) {
		ResolvableType type = ResolvableType.forMethodReturnType(method);
		if (HttpEntity.class.isAssignableFrom(type.toClass())) {
			type = type.as(HttpEntity.class).getGeneric(0);
		}
		Class<?> returned = type.toClass();
		ClassLoader loader = method.getDeclaringClass().getClassLoader();
		for (String name : types) {
			if (ClassUtils.isPresent(name, loader)
					&& ClassUtils.resolveClassName(name, loader).isAssignableFrom(returned)) {
				return true;
			}
		}
		return false;
	}

}
