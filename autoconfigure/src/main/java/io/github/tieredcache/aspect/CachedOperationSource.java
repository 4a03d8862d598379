package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.util.ClassUtils;

/**
 * Finds and parses the {@link Cached @Cached} annotation of a method, once per method and
 * bean class: on the method itself, on the interface or superclass method it implements.
 * Thread-safe.
 */
final class CachedOperationSource {

	private static final boolean COROUTINES_REACTOR_PRESENT = ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt",
			CachedOperationSource.class.getClassLoader());

	private final CacheExpressions expressions;

	private final ParameterNameDiscoverer parameterNames;

	private final Map<MethodClassKey, Optional<CachedOperation>> operations = new ConcurrentHashMap<>();

	/**
	 * Creates a source that parses with the given expressions.
	 * @param expressions the parser
	 * @param parameterNames discovers parameter names, as the evaluation context does
	 */
	CachedOperationSource(CacheExpressions expressions, ParameterNameDiscoverer parameterNames) {
		this.expressions = expressions;
		this.parameterNames = parameterNames;
	}

	/**
	 * Returns whether a method of a bean class is {@code @Cached}, parsing (and
	 * validating) its annotation the first time.
	 * @param method the method, possibly an interface method
	 * @param targetClass the bean's class, if known
	 * @return whether the method is cached
	 * @throws InvalidCacheAnnotationException if the annotation is invalid
	 */
	public boolean isCached(Method method, @Nullable Class<?> targetClass) {
		return find(method, targetClass) != null;
	}

	/**
	 * Returns the cache a method uses.
	 * @param method the method
	 * @param targetClass the bean's class
	 * @return the cache name, or {@code null} if the method is not {@code @Cached}
	 */
	public @Nullable String cacheName(Method method, @Nullable Class<?> targetClass) {
		CachedOperation operation = find(method, targetClass);
		return (operation != null) ? operation.cacheName() : null;
	}

	@Nullable CachedOperation find(Method method, @Nullable Class<?> targetClass) {
		return this.operations
			.computeIfAbsent(new MethodClassKey(method, targetClass),
					(key) -> Optional.ofNullable(parse(method, targetClass)))
			.orElse(null);
	}

	private @Nullable CachedOperation parse(Method method, @Nullable Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Cached cached = AnnotatedElementUtils.findMergedAnnotation(specific, Cached.class);
		if (cached == null && specific != method) {
			cached = AnnotatedElementUtils.findMergedAnnotation(method, Cached.class);
		}
		if (cached == null) {
			return null;
		}
		if (cached.cache().isBlank()) {
			throw new InvalidCacheAnnotationException(specific, "@Cached(cache)", "no cache is named",
					"Name the cache, e.g. @Cached(cache = \"products\")", null);
		}
		if (specific.getReturnType() == void.class) {
			throw new InvalidCacheAnnotationException(specific, "@Cached", "the method returns nothing to cache",
					"Remove @Cached, or return the value", null);
		}
		boolean suspending = isSuspendFunction(specific);
		if (suspending && !callableAsMono(specific)) {
			throw new InvalidCacheAnnotationException(specific, "@Cached",
					"a Kotlin suspend function can only be cached with kotlinx-coroutines-reactor on the class path "
							+ "(Spring's proxies use it to call suspend functions)",
					"Add the dependency org.jetbrains.kotlinx:kotlinx-coroutines-reactor (its version comes from "
							+ "Spring Boot's dependency management)",
					null);
		}
		// Spring's proxies call a suspend function as a method returning a Mono, and
		// await that Mono for the caller
		CachedOperation.ResultKind result = suspending ? CachedOperation.ResultKind.MONO
				: CachedOperation.ResultKind.of(specific.getReturnType());
		if (result == null) {
			throw new InvalidCacheAnnotationException(specific, "@Cached",
					"the method returns a " + specific.getReturnType().getName()
							+ ", a reactive type whose values cannot be cached",
					"Return a Mono or a Flux (Reactor), a CompletableFuture, or the value itself", null);
		}
		List<Expression> tagsBeforeLoad = new ArrayList<>();
		List<Expression> tagsAfterLoad = new ArrayList<>();
		for (String tag : cached.tags()) {
			Expression parsed = this.expressions.parse(tag, specific, "@Cached(tags)");
			if (parsed != null) {
				(tag.contains("#result") ? tagsAfterLoad : tagsBeforeLoad).add(parsed);
			}
		}
		Expression key = this.expressions.parse(cached.key(), specific, "@Cached(key)");
		return new CachedOperation(specific, cached.cache(), key,
				(key != null) ? ArgumentKey.compile(cached.key(), specific, this.parameterNames) : null,
				this.expressions.parse(cached.condition(), specific, "@Cached(condition)"),
				this.expressions.parse(cached.unless(), specific, "@Cached(unless)"),
				CacheExpressions.duration(cached.ttl(),
						InvalidCacheAnnotationException.describe(specific) + " @Cached(ttl)"),
				List.copyOf(tagsBeforeLoad), List.copyOf(tagsAfterLoad), result,
				this.expressions.parse(cached.refresh(), specific, "@Cached(refresh)"), suspending);
	}

	/**
	 * Whether Spring's proxies call the method as one returning a {@code Mono}: a Kotlin
	 * {@code suspend} function, with kotlinx-coroutines-reactor present.
	 */
	private static boolean callableAsMono(Method method) {
		return COROUTINES_REACTOR_PRESENT && KotlinDetector.isSuspendingFunction(method);
	}

	/**
	 * Whether the method is a Kotlin {@code suspend} function, as compiled: its last
	 * parameter is the caller's continuation. A Java method taking a continuation counts
	 * too: it is refused below unless Spring sees a suspend function in it.
	 */
	private static boolean isSuspendFunction(Method method) {
		Class<?>[] parameters = method.getParameterTypes();
		return parameters.length > 0
				&& "kotlin.coroutines.Continuation".equals(parameters[parameters.length - 1].getName());
	}

}
