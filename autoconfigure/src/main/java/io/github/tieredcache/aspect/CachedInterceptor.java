package io.github.tieredcache.aspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.invalidation.TagIndex;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * Runs a {@code @Cached} method through its tiered cache: condition, key, lookup, a
 * single load on a miss, {@code unless}, tags. The method's own exceptions reach the
 * caller unchanged. With a cache manager other than the tiered one, the plain Spring
 * {@link Cache} API is used and per-method TTLs are not applied. Thread-safe.
 */
final class CachedInterceptor implements MethodInterceptor {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private static final EvaluationContext NO_CONTEXT = SimpleEvaluationContext.forReadOnlyDataBinding().build();

	private final CachedOperationSource operations;

	private final Supplier<CacheManager> cacheManager;

	private final Supplier<TagIndex> tags;

	private final @Nullable BeanFactory beanFactory;

	/**
	 * Creates an interceptor.
	 * @param operations where the annotations are parsed
	 * @param cacheManager resolves the cache manager on first use
	 * @param tags resolves the tag index on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 */
	CachedInterceptor(CachedOperationSource operations, Supplier<CacheManager> cacheManager, Supplier<TagIndex> tags,
			@Nullable BeanFactory beanFactory) {
		this.operations = operations;
		this.cacheManager = cacheManager;
		this.tags = tags;
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		CachedOperation operation = this.operations.find(invocation.getMethod(), targetClass);
		if (operation == null || target == null || targetClass == null) {
			return invocation.proceed();
		}
		Object[] args = invocation.getArguments();
		// Most methods with a default key need no expression context at all
		EvaluationContext context = operation.usesExpressions() ? context(operation, target, targetClass, args)
				: NO_CONTEXT;
		if (operation.condition() != null && !isTrue(operation.condition(), context)) {
			return invocation.proceed();
		}
		Object key = (operation.key() != null) ? operation.key().getValue(context)
				: SimpleKeyGenerator.generateKey(args);
		if (key == null) {
			throw new IllegalArgumentException(InvalidCacheAnnotationException.describe(operation.method())
					+ ": @Cached(key) '" + operation.key().getExpressionString()
					+ "' gave null for these arguments; make the key expression handle them, or add a condition");
		}
		Cache cache = cache(operation);
		return switch (operation.result()) {
			case VALUE -> value(operation, cache, key, context, invocation, false);
			case OPTIONAL -> Optional.ofNullable(value(operation, cache, key, context, invocation, true));
			case FUTURE -> future(operation, cache, key, context, invocation);
		};
	}

	private @Nullable Object value(CachedOperation operation, Cache cache, Object key, EvaluationContext context,
			MethodInvocation invocation, boolean optional) throws Throwable {
		boolean[] loaded = new boolean[1];
		Callable<@Nullable Object> loader = () -> {
			loaded[0] = true;
			tag(operation.tagsBeforeLoad(), cache, operation, key, null, context);
			Object result = proceed(invocation);
			return optional ? ((Optional<?>) result).orElse(null) : result;
		};
		Predicate<@Nullable Object> cacheable = cacheable(operation, cache, context);
		Object value;
		try {
			if (cache instanceof TieredCache tiered) {
				value = tiered.get(key, loader, ttl(operation, tiered), cacheable);
			}
			else {
				value = getThroughSpringCache(cache, key, loader, cacheable);
			}
		}
		catch (RuntimeException ex) {
			throw MethodFailure.unwrap(ex);
		}
		if (loaded[0]) {
			tag(operation.tagsAfterLoad(), cache, operation, key, value, context);
		}
		return value;
	}

	private @Nullable Object future(CachedOperation operation, Cache cache, Object key, EvaluationContext context,
			MethodInvocation invocation) throws Throwable {
		if (!(cache instanceof TieredCache tiered)) {
			return invocation.proceed();
		}
		boolean[] loaded = new boolean[1];
		Supplier<CompletableFuture<@Nullable Object>> loader = () -> {
			loaded[0] = true;
			tag(operation.tagsBeforeLoad(), cache, operation, key, null, context);
			Object result = proceed(invocation);
			if (result == null) {
				throw new IllegalStateException(
						InvalidCacheAnnotationException.describe(operation.method()) + " returned a null future");
			}
			return ((CompletionStage<?>) result).toCompletableFuture().thenApply((value) -> value);
		};
		CompletableFuture<@Nullable Object> value;
		try {
			value = tiered.retrieve(key, loader, ttl(operation, tiered), cacheable(operation, cache, context));
		}
		catch (RuntimeException ex) {
			throw MethodFailure.unwrap(ex);
		}
		if (loaded[0] && !operation.tagsAfterLoad().isEmpty()) {
			value = value.thenApply((result) -> {
				tag(operation.tagsAfterLoad(), cache, operation, key, result, context);
				return result;
			});
		}
		return value.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(MethodFailure.unwrap(failure)));
	}

	private static @Nullable Object getThroughSpringCache(Cache cache, Object key, Callable<@Nullable Object> loader,
			Predicate<@Nullable Object> cacheable) throws Exception {
		Cache.ValueWrapper hit = cache.get(key);
		if (hit != null) {
			return hit.get();
		}
		Object value = loader.call();
		if (cacheable.test(value)) {
			cache.put(key, value);
		}
		return value;
	}

	private Predicate<@Nullable Object> cacheable(CachedOperation operation, Cache cache, EvaluationContext context) {
		boolean nulls = !(cache instanceof TieredCache tiered) || tiered.spec().cacheNullValues();
		Expression unless = operation.unless();
		return (result) -> {
			if (result == null && !nulls) {
				return false;
			}
			if (unless == null) {
				return true;
			}
			context.setVariable("result", result);
			return !isTrue(unless, context);
		};
	}

	private void tag(List<Expression> expressions, Cache cache, CachedOperation operation, Object key,
			@Nullable Object result, EvaluationContext context) {
		if (expressions.isEmpty() || !(cache instanceof TieredCache tiered)) {
			return;
		}
		context.setVariable("result", result);
		List<String> names = new ArrayList<>();
		for (Expression expression : expressions) {
			Object tag = expression.getValue(context);
			if (tag instanceof Collection<?> many) {
				many.forEach((each) -> names.add(String.valueOf(each)));
			}
			else if (tag != null) {
				names.add(tag.toString());
			}
		}
		if (!names.isEmpty()) {
			this.tags.get().tag(tiered.getName(), tiered.encodeKey(key), names, ttl(operation, tiered));
		}
	}

	private Cache cache(CachedOperation operation) {
		Cache cache = this.cacheManager.get().getCache(operation.cacheName());
		if (cache == null) {
			throw new IllegalStateException(InvalidCacheAnnotationException.describe(operation.method())
					+ " uses cache '" + operation.cacheName() + "', which does not exist; configure it under "
					+ "tiered-cache.caches." + operation.cacheName() + " or set tiered-cache.create-on-demand=true");
		}
		return cache;
	}

	private static Duration ttl(CachedOperation operation, TieredCache cache) {
		return (operation.ttl() != null) ? operation.ttl() : cache.spec().ttl();
	}

	private EvaluationContext context(CachedOperation operation, Object target, Class<?> targetClass, Object[] args) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new CachedMethodRoot(operation.method(), target, targetClass, args), operation.method(), args,
				parameterNames);
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return context;
	}

	private static boolean isTrue(Expression expression, EvaluationContext context) {
		return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
	}

	private static @Nullable Object proceed(MethodInvocation invocation) {
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			throw new MethodFailure(ex);
		}
	}

}
