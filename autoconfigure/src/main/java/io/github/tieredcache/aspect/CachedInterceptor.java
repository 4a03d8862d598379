package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.invalidation.TagIndex;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
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

	private static final EvaluationContext NO_CONTEXT = SimpleEvaluationContext.forReadOnlyDataBinding().build();

	private final CachedOperationSource operations;

	private final Supplier<CacheManager> cacheManager;

	private final Supplier<TagIndex> tags;

	private final @Nullable BeanFactory beanFactory;

	private final ParameterNameDiscoverer parameterNames;

	private final int maxFluxElements;

	private final Map<Method, Binding> bindings = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor.
	 * @param operations where the annotations are parsed
	 * @param cacheManager resolves the cache manager on first use
	 * @param tags resolves the tag index on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 * @param parameterNames discovers parameter names for expressions
	 * @param maxFluxElements the most elements a {@code Flux} result may have to be
	 * cached
	 */
	CachedInterceptor(CachedOperationSource operations, Supplier<CacheManager> cacheManager, Supplier<TagIndex> tags,
			@Nullable BeanFactory beanFactory, ParameterNameDiscoverer parameterNames, int maxFluxElements) {
		this.operations = operations;
		this.cacheManager = cacheManager;
		this.tags = tags;
		this.beanFactory = beanFactory;
		this.parameterNames = parameterNames;
		this.maxFluxElements = maxFluxElements;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		if (target == null) {
			return invocation.proceed();
		}
		Class<?> targetClass = AopUtils.getTargetClass(target);
		Binding binding = binding(invocation.getMethod(), targetClass);
		CachedOperation operation = binding.operation;
		if (operation == null) {
			return invocation.proceed();
		}
		Object[] args = invocation.getArguments();
		if (operation.suspending()) {
			// The caller's continuation: neither part of the key nor of expressions
			args = Arrays.copyOf(args, args.length - 1);
		}
		// A key read straight from the arguments and no condition: a hit builds no
		// evaluation context and evaluates nothing
		EvaluationContext context = operation.needsContextForLookup() ? context(operation, target, targetClass, args)
				: null;
		if (operation.condition() != null && !isTrue(operation.condition(), context)) {
			return invocation.proceed();
		}
		Object key = key(operation, args, context);
		if (key == ArgumentKey.UNRESOLVED) {
			context = context(operation, target, targetClass, args);
			key = key(operation, args, context);
		}
		if (key == null) {
			throw new IllegalArgumentException(InvalidCacheAnnotationException.describe(operation.method())
					+ ": @Cached(key) '" + operation.key().getExpressionString()
					+ "' gave null for these arguments; make the key expression handle them, or add a condition");
		}
		Cache cache = cache(binding);
		if (operation.refresh() != null && isTrue(operation.refresh(), context)) {
			return refresh(operation, cache, key, context, invocation);
		}
		if (operation.result().isReactive()) {
			return reactive(operation, cache, key,
					(context != null) ? context
							: operation.usesExpressions() ? context(operation, target, targetClass, args) : NO_CONTEXT,
					invocation);
		}
		if (cache instanceof TieredCache tiered && operation.result() != CachedOperation.ResultKind.FUTURE) {
			ValueWrapper hit = tiered.getFromLocalTier(key);
			if (hit != null) {
				return (operation.result() == CachedOperation.ResultKind.OPTIONAL) ? Optional.ofNullable(hit.get())
						: hit.get();
			}
		}
		if (context == null) {
			context = operation.usesExpressions() ? context(operation, target, targetClass, args) : NO_CONTEXT;
		}
		return switch (operation.result()) {
			case VALUE -> value(operation, cache, key, context, invocation, false);
			case OPTIONAL -> Optional.ofNullable(value(operation, cache, key, context, invocation, true));
			case FUTURE -> future(operation, cache, key, context, invocation);
			case MONO, FLUX -> throw new IllegalStateException("Reactive results are handled above");
		};
	}

	/**
	 * The key: read from the arguments when the expression allows it, evaluated
	 * otherwise; {@link ArgumentKey#UNRESOLVED} when SpEL must evaluate it and no context
	 * exists yet.
	 */
	private static @Nullable Object key(CachedOperation operation, Object[] args, @Nullable EvaluationContext context) {
		Expression expression = operation.key();
		if (expression == null) {
			return SimpleKeyGenerator.generateKey(args);
		}
		ArgumentKey direct = operation.directKey();
		if (direct != null && context == null) {
			return direct.read(args);
		}
		return (context != null) ? expression.getValue(context) : ArgumentKey.UNRESOLVED;
	}

	/**
	 * The operation of a method on a bean class, found without building a lookup key in
	 * the common case of one bean class per method.
	 */
	private Binding binding(Method method, Class<?> targetClass) {
		Binding binding = this.bindings.get(method);
		if (binding == null || binding.targetClass != targetClass) {
			binding = new Binding(targetClass, this.operations.find(method, targetClass));
			this.bindings.put(method, binding);
		}
		return binding;
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

	/**
	 * Returns a {@code Mono} or {@code Flux} that looks the key up on every subscription:
	 * an L1 hit answers at once; otherwise {@link TieredCache#retrieve} shares one load
	 * per key among all subscribers of this JVM, subscribing once to a fresh call of the
	 * method. A subscriber that cancels only stops its own wait, unless it was the last
	 * one waiting. With another cache manager the method's result is returned as is.
	 */
	private Object reactive(CachedOperation operation, Cache cache, Object key, EvaluationContext context,
			MethodInvocation invocation) throws Throwable {
		if (!(cache instanceof TieredCache tiered)) {
			return invocation.proceed();
		}
		boolean flux = operation.result() == CachedOperation.ResultKind.FLUX;
		// Each load calls the method afresh, through the advice chain behind this one
		MethodInvocation pristine = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
				: invocation;
		Predicate<@Nullable Object> cacheable = cacheable(operation, cache, context);
		Duration ttl = ttl(operation, tiered);
		return ReactiveResults.lazily(() -> {
			ValueWrapper hit = tiered.getFromLocalTier(key);
			if (hit != null) {
				return CompletableFuture.completedFuture(hit.get());
			}
			Supplier<CompletableFuture<@Nullable Object>> loader = () -> {
				tag(operation.tagsBeforeLoad(), cache, operation, key, null, context);
				Object result = proceed(
						(pristine instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone() : pristine);
				if (result == null) {
					throw new IllegalStateException(InvalidCacheAnnotationException.describe(operation.method())
							+ " returned null instead of a " + (flux ? "Flux" : "Mono")
							+ "; return an empty one for no value");
				}
				CompletableFuture<@Nullable Object> subscribed = ReactiveResults.subscribe(result, flux);
				if (operation.tagsAfterLoad().isEmpty()) {
					return subscribed;
				}
				// Tagged before any subscriber sees the value; cancelling still reaches
				// the
				// subscription
				CompletableFuture<@Nullable Object> tagged = subscribed.thenApply((value) -> {
					tag(operation.tagsAfterLoad(), cache, operation, key, value, context);
					return value;
				});
				tagged.whenComplete((value, failure) -> {
					if (tagged.isCancelled()) {
						subscribed.cancel(false);
					}
				});
				return tagged;
			};
			return tiered.retrieve(key, loader, ttl, cacheable);
		}, flux);
	}

	/**
	 * Runs the method and replaces the entry with its result, as {@code @CachePut} would;
	 * a result that may not be cached evicts the entry, so the next read loads afresh.
	 */
	private @Nullable Object refresh(CachedOperation operation, Cache cache, Object key, EvaluationContext context,
			MethodInvocation invocation) throws Throwable {
		Object result = invocation.proceed();
		if (operation.result().isReactive() && result != null) {
			return ReactiveResults.whenComplete(result, operation.result() == CachedOperation.ResultKind.FLUX,
					(value) -> replace(operation, cache, key, context, value));
		}
		if (operation.result() == CachedOperation.ResultKind.FUTURE && result instanceof CompletionStage<?> stage) {
			return stage.thenApply((value) -> {
				replace(operation, cache, key, context, value);
				return value;
			});
		}
		Object value = (operation.result() == CachedOperation.ResultKind.OPTIONAL
				&& result instanceof Optional<?> present) ? present.orElse(null) : result;
		replace(operation, cache, key, context, value);
		return result;
	}

	private void replace(CachedOperation operation, Cache cache, Object key, EvaluationContext context,
			@Nullable Object value) {
		boolean cacheable = cacheable(operation, cache, context).test(value);
		if (cache instanceof TieredCache tiered) {
			tiered.replaceOnDemand(key, value, ttl(operation, tiered), cacheable);
			if (cacheable) {
				tag(operation.tagsBeforeLoad(), cache, operation, key, value, context);
				tag(operation.tagsAfterLoad(), cache, operation, key, value, context);
			}
		}
		else if (cacheable) {
			cache.put(key, value);
		}
		else {
			cache.evict(key);
		}
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
		boolean flux = operation.result() == CachedOperation.ResultKind.FLUX;
		return (result) -> {
			if (result == null && !nulls) {
				return false;
			}
			if (flux && result instanceof List<?> list && list.size() > this.maxFluxElements) {
				if (cache instanceof TieredCache tiered) {
					tiered.recordOversizedFlux();
				}
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

	private Cache cache(Binding binding) {
		Cache known = binding.cache;
		if (known != null) {
			return known;
		}
		CachedOperation operation = binding.operation;
		CacheManager manager = this.cacheManager.get();
		Cache cache = manager.getCache(operation.cacheName());
		if (cache == null) {
			throw new IllegalStateException(InvalidCacheAnnotationException.describe(operation.method())
					+ " uses cache '" + operation.cacheName() + "', which does not exist; configure it under "
					+ "tiered-cache.caches." + operation.cacheName() + " or set tiered-cache.create-on-demand=true");
		}
		// The tiered manager never replaces a cache it handed out; other managers are
		// asked
		// on every call, as Spring's own cache advice does
		if (manager instanceof TieredCacheManager) {
			binding.cache = cache;
		}
		return cache;
	}

	private static Duration ttl(CachedOperation operation, TieredCache cache) {
		return (operation.ttl() != null) ? operation.ttl() : cache.spec().ttl();
	}

	private EvaluationContext context(CachedOperation operation, Object target, Class<?> targetClass, Object[] args) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new CachedMethodRoot(operation.method(), target, targetClass, args), operation.method(), args,
				this.parameterNames);
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

	/**
	 * The operation found for a method on the bean class last seen calling it, and its
	 * cache once resolved.
	 */
	private static final class Binding {

		private final Class<?> targetClass;

		private final @Nullable CachedOperation operation;

		private volatile @Nullable Cache cache;

		Binding(Class<?> targetClass, @Nullable CachedOperation operation) {
			this.targetClass = targetClass;
			this.operation = operation;
		}

	}

}
