package io.github.tieredcache.aspect;

import java.lang.reflect.Method;

import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;

/**
 * The Spring AOP advisor that applies a {@link CachedInterceptor} to every
 * {@code @Cached} method, on classes and interfaces. It orders itself before transactions
 * ({@code @Transactional} advice runs inside it), so a cache hit never opens a
 * transaction.
 */
public final class CachedAdvisor extends AbstractPointcutAdvisor {

	/**
	 * The default order: just ahead of Spring's transaction and cache advisors.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private final CachedInterceptor interceptor;

	private final Pointcut pointcut;

	/**
	 * Creates an advisor.
	 * @param operations finds the {@code @Cached} methods
	 * @param interceptor the interceptor
	 */
	public CachedAdvisor(CachedOperationSource operations, CachedInterceptor interceptor) {
		this.interceptor = interceptor;
		this.pointcut = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return operations.isCached(method, targetClass);
			}

		};
		setOrder(DEFAULT_ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
