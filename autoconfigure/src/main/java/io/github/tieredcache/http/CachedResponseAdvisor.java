package io.github.tieredcache.http;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.CacheExpressions;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.Ordered;

/**
 * The Spring AOP advisor around every {@code @CachedResponse} handler method. Its
 * pointcut parses each annotation when the controller is proxied, so an invalid one stops
 * start-up. Ordered first, so that a hit runs no other advice of the method.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class CachedResponseAdvisor extends AbstractPointcutAdvisor {

	private final MethodInterceptor interceptor;

	private final Pointcut pointcut;

	private CachedResponseAdvisor(CachedResponseOperationSource operations, MethodInterceptor interceptor) {
		this.interceptor = interceptor;
		StaticMethodMatcherPointcut annotated = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return operations.find(method, targetClass) != null;
			}

		};
		annotated.setClassFilter(AnnotatedTypes::mayCarry);
		this.pointcut = annotated;
		setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
	}

	/**
	 * Creates the advisor for a Spring MVC application.
	 * @param expressions parses the annotations' expressions
	 * @param caching resolves the settings on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 * @return the advisor
	 */
	public static CachedResponseAdvisor create(CacheExpressions expressions, Supplier<ResponseCaching> caching,
			@Nullable BeanFactory beanFactory) {
		CachedResponseOperationSource operations = new CachedResponseOperationSource(expressions, false);
		return new CachedResponseAdvisor(operations,
				new CachedResponseInterceptor(operations, caching, new HandlerExpressions(beanFactory)));
	}

	/**
	 * Creates the advisor for a Spring WebFlux application, whose {@code @CachedResponse}
	 * methods return a {@code Mono} or a {@code Flux} (any other method stops start-up).
	 * @param expressions parses the annotations' expressions
	 * @param caching resolves the settings on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 * @return the advisor
	 */
	public static CachedResponseAdvisor createReactive(CacheExpressions expressions, Supplier<ResponseCaching> caching,
			@Nullable BeanFactory beanFactory) {
		CachedResponseOperationSource operations = new CachedResponseOperationSource(expressions, true);
		return new CachedResponseAdvisor(operations,
				new ReactiveCachedResponseInterceptor(operations, caching, new HandlerExpressions(beanFactory)));
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
