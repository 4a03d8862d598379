package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.invalidation.TagIndex;
import io.github.tieredcache.invalidation.TieredCacheInvalidator;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * The Spring AOP advisor that applies a {@link CachedInterceptor} to every
 * {@code @Cached} method, on classes and interfaces. It orders itself before transactions
 * ({@code @Transactional} advice runs inside it), so a cache hit never opens a
 * transaction.
 *
 * <p>
 * Public so that the auto-configuration can create it (with {@link #create}); the
 * machinery behind it stays in this package. Not an extension point.
 */
public final class CachedAdvisor extends AbstractPointcutAdvisor {

	/**
	 * The default order: just ahead of Spring's transaction and cache advisors.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	/**
	 * The default of the most elements a {@code Flux} result may have to be cached.
	 */
	public static final int DEFAULT_MAX_FLUX_ELEMENTS = 10_000;

	private final CachedOperationSource operations;

	private final CachedInterceptor interceptor;

	private final Pointcut pointcut;

	/**
	 * Creates the advisor and the interceptor behind it.
	 * @param expressions parses and evaluates the annotations' expressions
	 * @param cacheManager resolves the cache manager on first use
	 * @param tags resolves the tag index on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 * @param maxFluxElements the most elements a {@code Flux} result may have to be
	 * cached; a longer one still reaches its subscribers but is not cached, and is
	 * counted
	 * @return the advisor
	 * @throws IllegalArgumentException if {@code maxFluxElements} is negative
	 */
	public static CachedAdvisor create(CacheExpressions expressions, Supplier<CacheManager> cacheManager,
			Supplier<TagIndex> tags, @Nullable BeanFactory beanFactory, int maxFluxElements) {
		if (maxFluxElements < 0) {
			throw new IllegalArgumentException("maxFluxElements must not be negative but was " + maxFluxElements);
		}
		ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();
		CachedOperationSource operations = new CachedOperationSource(expressions, parameterNames);
		return new CachedAdvisor(operations,
				new CachedInterceptor(operations, cacheManager, tags, beanFactory, parameterNames, maxFluxElements));
	}

	CachedAdvisor(CachedOperationSource operations, CachedInterceptor interceptor) {
		this.operations = operations;
		this.interceptor = interceptor;
		StaticMethodMatcherPointcut annotated = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return operations.isCached(method, targetClass);
			}

		};
		annotated.setClassFilter(AnnotatedTypes::mayCarry);
		this.pointcut = annotated;
		setOrder(DEFAULT_ORDER);
	}

	/**
	 * Returns the callback that, once all singletons exist, checks every {@code @Cached}
	 * method of the application's beans (failing start-up on a bad annotation) and
	 * registers their {@code @InvalidateOn} rules with the invalidator.
	 * @param beanFactory the application's beans
	 * @param invalidator receives the {@code @InvalidateOn} annotations
	 * @param cacheManager the cache manager, to check cache names
	 * @return the callback, to be registered as a bean
	 */
	public SmartInitializingSingleton annotationScanner(ListableBeanFactory beanFactory,
			TieredCacheInvalidator invalidator, ObjectProvider<CacheManager> cacheManager) {
		return new CacheAnnotationScanner(beanFactory, this.operations, invalidator, cacheManager);
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
