package io.github.tieredcache.write;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;

/**
 * Applies {@code @WriteThrough} and {@code @WriteBehind}: the first caches the written
 * value once the method returned and its transaction committed; the second caches the
 * value and queues the method, or runs it at once when it cannot be queued.
 */
final class WriteStrategyInterceptor implements MethodInterceptor {

	private final WriteOperationSource operations;

	private final Supplier<CacheManager> cacheManager;

	private final Supplier<WriteBehindQueues> queues;

	private final WriteContexts contexts;

	WriteStrategyInterceptor(WriteOperationSource operations, Supplier<CacheManager> cacheManager,
			Supplier<WriteBehindQueues> queues, @Nullable BeanFactory beanFactory) {
		this.operations = operations;
		this.cacheManager = cacheManager;
		this.queues = queues;
		this.contexts = new WriteContexts(beanFactory);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		WriteOperation operation = this.operations.find(invocation.getMethod(), targetClass);
		if (operation == null || target == null || targetClass == null
				|| (operation.kind() == WriteOperation.Kind.BEHIND && WriteBehindMethods.isRunningQueuedWrite())) {
			return invocation.proceed();
		}
		return (operation.kind() == WriteOperation.Kind.THROUGH) ? writeThrough(operation, invocation, target)
				: writeBehind(operation, invocation, target);
	}

	private @Nullable Object writeThrough(WriteOperation operation, MethodInvocation invocation, Object target)
			throws Throwable {
		Object result = invocation.proceed();
		Object unwrapped = (result instanceof Optional<?> optional) ? optional.orElse(null) : result;
		EvaluationContext context = this.contexts.create(operation.method(), target, invocation.getArguments(),
				unwrapped);
		Object key = key(operation, context, invocation.getArguments());
		Object value = (operation.value() != null) ? operation.value().getValue(context) : unwrapped;
		Cache cache = cache(operation);
		AfterCommitWork.run((afterCommit) -> {
			if (value == null) {
				cache.evict(key);
			}
			else {
				cache.put(key, value);
			}
		});
		return result;
	}

	private @Nullable Object writeBehind(WriteOperation operation, MethodInvocation invocation, Object target) {
		@Nullable Object[] args = invocation.getArguments();
		EvaluationContext context = this.contexts.create(operation.method(), target, args, null);
		Object key = key(operation, context, args);
		Object value = (operation.value() != null) ? operation.value().getValue(context) : args[0];
		Cache cache = cache(operation);
		AfterCommitWork.run((afterCommit) -> {
			boolean queued = cache instanceof TieredCache tiered
					&& this.queues.get().enqueue(operation, tiered, key, value, args);
			if (!queued) {
				runNow(invocation, afterCommit);
			}
			if (value == null) {
				cache.evict(key);
			}
			else {
				cache.put(key, value);
			}
		});
		return null;
	}

	/**
	 * Runs a write that could not be queued. After a commit the committed transaction's
	 * resources are still bound to the thread, and a method joining that transaction
	 * would never commit: it runs on a thread of its own then, and the caller waits.
	 */
	private static void runNow(MethodInvocation invocation, boolean afterCommit) {
		if (!afterCommit) {
			proceed(invocation);
			return;
		}
		try {
			CompletableFuture.runAsync(() -> proceed(invocation)).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	private static void proceed(MethodInvocation invocation) {
		try {
			invocation.proceed();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object key(WriteOperation operation, EvaluationContext context, @Nullable Object[] args) {
		Expression expression = operation.key();
		Object key = (expression != null) ? expression.getValue(context) : SimpleKeyGenerator.generateKey(args);
		if (key == null) {
			throw new IllegalArgumentException(InvalidCacheAnnotationException.describe(operation.method()) + ": key '"
					+ expression.getExpressionString()
					+ "' gave null for these arguments; make the key expression handle them");
		}
		return key;
	}

	private Cache cache(WriteOperation operation) {
		Cache cache = this.cacheManager.get().getCache(operation.cacheName());
		if (cache == null) {
			throw new IllegalStateException(InvalidCacheAnnotationException.describe(operation.method())
					+ " writes cache '" + operation.cacheName() + "', which does not exist; configure it under "
					+ "tiered-cache.caches." + operation.cacheName() + " or set tiered-cache.create-on-demand=true");
		}
		return cache;
	}

}
