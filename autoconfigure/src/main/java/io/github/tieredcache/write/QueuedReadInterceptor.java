package io.github.tieredcache.write;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.cache.TieredCache;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;

/**
 * Keeps {@code @Cached} reads of a cache with queued writes correct: it sits between the
 * {@code @Cached} advice and the method, so it only sees loads (misses), and when a write
 * of the key is still queued it answers with the queued value instead of letting the
 * method read the older database row. The cache then stores that value as usual.
 */
final class QueuedReadInterceptor implements MethodInterceptor {

	private final WriteOperationSource expressions;

	private final Supplier<CacheManager> cacheManager;

	private final Supplier<WriteBehindQueues> queues;

	private final WriteContexts contexts;

	private final Map<MethodClassKey, Optional<Read>> reads = new ConcurrentHashMap<>();

	QueuedReadInterceptor(WriteOperationSource expressions, Supplier<CacheManager> cacheManager,
			Supplier<WriteBehindQueues> queues, @Nullable BeanFactory beanFactory) {
		this.expressions = expressions;
		this.cacheManager = cacheManager;
		this.queues = queues;
		this.contexts = new WriteContexts(beanFactory);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		if (target == null) {
			return invocation.proceed();
		}
		Class<?> targetClass = AopUtils.getTargetClass(target);
		Read read = find(invocation.getMethod(), targetClass);
		WriteBehindQueues writes = this.queues.get();
		if (read == null || !writes.hasQueue(read.cacheName())
				|| !(this.cacheManager.get().getCache(read.cacheName()) instanceof TieredCache cache)) {
			return invocation.proceed();
		}
		@Nullable Object[] args = invocation.getArguments();
		Object key = (read.key() != null) ? read.key().getValue(this.contexts.create(read.method(), target, args, null))
				: SimpleKeyGenerator.generateKey(args);
		if (key == null) {
			return invocation.proceed();
		}
		WriteBehindQueues.Queued queued = writes.queued(read.cacheName(), cache.encodeKey(key));
		if (queued == null) {
			return invocation.proceed();
		}
		Class<?> type = read.method().getReturnType();
		if (Optional.class == type) {
			return Optional.ofNullable(queued.value());
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			return CompletableFuture.completedFuture(queued.value());
		}
		return queued.value();
	}

	private @Nullable Read find(Method method, Class<?> targetClass) {
		return this.reads.computeIfAbsent(new MethodClassKey(method, targetClass), (ignored) -> {
			Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
			Cached cached = AnnotatedElementUtils.findMergedAnnotation(specific, Cached.class);
			if (cached == null) {
				cached = AnnotatedElementUtils.findMergedAnnotation(method, Cached.class);
			}
			if (cached == null) {
				return Optional.empty();
			}
			return Optional
				.of(new Read(specific, cached.cache(), this.expressions.parse(cached.key(), specific, "@Cached(key)")));
		}).orElse(null);
	}

	private record Read(Method method, String cacheName, @Nullable Expression key) {
	}

}
