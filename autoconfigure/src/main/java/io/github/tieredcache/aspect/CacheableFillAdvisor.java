package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.util.Collection;

import io.github.tieredcache.cache.FillScope;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.Ordered;

/**
 * Makes the caching Spring's {@code @Cacheable} does without {@code sync = true} a fill
 * on tiered caches: its advice runs each such method in a {@link FillScope}, so the
 * {@code get} that misses and the {@code put} of the loaded value that Spring's cache
 * interceptor sends are a fill (counted as a load, protected by the fill lease, not
 * broadcast to other instances) rather than a write. {@code @CachePut}, {@code put} and
 * evictions stay writes. Caches of other kinds are not affected.
 * <p>
 * The advisor orders itself just outside Spring's cache advisor, whatever order
 * {@code @EnableCaching} gives that one.
 */
public final class CacheableFillAdvisor extends AbstractPointcutAdvisor {

	private static final MethodInterceptor advice = (invocation) -> {
		try (FillScope scope = FillScope.open()) {
			Object result = invocation.proceed();
			scope.succeeded();
			return result;
		}
	};

	private final Pointcut pointcut;

	private final ListableBeanFactory beanFactory;

	private volatile @Nullable Integer order;

	/**
	 * Creates an advisor.
	 * @param operations parses Spring's caching annotations
	 * @param beanFactory where Spring's cache advisor is found, for its order
	 */
	public CacheableFillAdvisor(CacheOperationSource operations, ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.pointcut = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return hasUnsynchronizedCacheable(operations.getCacheOperations(method, targetClass));
			}

		};
	}

	private static boolean hasUnsynchronizedCacheable(@Nullable Collection<CacheOperation> operations) {
		if (operations != null) {
			for (CacheOperation operation : operations) {
				if (operation instanceof CacheableOperation cacheable && !cacheable.isSync()) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return advice;
	}

	/**
	 * One step ahead of Spring's cache advisor, at most
	 * {@link CachedAdvisor#DEFAULT_ORDER}.
	 */
	@Override
	public int getOrder() {
		Integer known = this.order;
		if (known != null) {
			return known;
		}
		Integer springOrder = springCacheAdvisorOrder();
		if (springOrder == null) {
			return CachedAdvisor.DEFAULT_ORDER;
		}
		int ours = (springOrder == Integer.MIN_VALUE) ? Integer.MIN_VALUE
				: Math.min(CachedAdvisor.DEFAULT_ORDER, springOrder - 1);
		this.order = ours;
		return ours;
	}

	/**
	 * The order of Spring's cache advisor once it exists; never creates it, since orders
	 * are asked for while advisors are being collected.
	 */
	private @Nullable Integer springCacheAdvisorOrder() {
		Integer lowest = null;
		for (String name : this.beanFactory.getBeanNamesForType(BeanFactoryCacheOperationSourceAdvisor.class, true,
				false)) {
			if (!this.beanFactory.containsBean(name) || !isSingletonCreated(name)) {
				return null;
			}
			int order = ((Ordered) this.beanFactory.getBean(name)).getOrder();
			lowest = (lowest == null) ? order : Math.min(lowest, order);
		}
		return (lowest != null) ? lowest : Ordered.LOWEST_PRECEDENCE;
	}

	private boolean isSingletonCreated(String name) {
		return !(this.beanFactory instanceof SingletonBeanRegistry registry) || registry.containsSingleton(name);
	}

}
