package io.github.tieredcache.write;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.CacheExpressions;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The Spring AOP advisor that applies {@code @WriteThrough} and {@code @WriteBehind}. It
 * orders itself before transactions, so a method's own {@code @Transactional} has
 * committed when the value is cached, and a queued method runs in a transaction of its
 * own when it finally runs.
 *
 * <p>
 * Public so that the auto-configuration can create it (with {@link #create}); the
 * machinery behind it stays in this package. Not an extension point.
 */
public final class WriteStrategyAdvisor extends AbstractPointcutAdvisor {

	/**
	 * The default order: just ahead of Spring's transaction and cache advisors, with
	 * {@code @Cached}.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private final WriteOperationSource operations;

	private final WriteStrategyInterceptor interceptor;

	private final QueuedReadInterceptor reads;

	private final Pointcut pointcut;

	/**
	 * Creates the advisor and the interceptor behind it.
	 * @param expressions parses and evaluates the annotations' expressions
	 * @param cacheManager resolves the cache manager on first use
	 * @param queues resolves the write-behind queues on first use
	 * @param beanFactory resolves {@code @bean} references in expressions, may be
	 * {@code null}
	 * @return the advisor
	 */
	public static WriteStrategyAdvisor create(CacheExpressions expressions, Supplier<CacheManager> cacheManager,
			Supplier<WriteBehindQueues> queues, @Nullable BeanFactory beanFactory) {
		WriteOperationSource operations = new WriteOperationSource(expressions);
		return new WriteStrategyAdvisor(operations,
				new WriteStrategyInterceptor(operations, cacheManager, queues, beanFactory),
				new QueuedReadInterceptor(operations, cacheManager, queues, beanFactory));
	}

	private WriteStrategyAdvisor(WriteOperationSource operations, WriteStrategyInterceptor interceptor,
			QueuedReadInterceptor reads) {
		this.operations = operations;
		this.interceptor = interceptor;
		this.reads = reads;
		StaticMethodMatcherPointcut annotated = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return operations.find(method, targetClass) != null;
			}

		};
		annotated.setClassFilter(AnnotatedTypes::mayCarry);
		this.pointcut = annotated;
		setOrder(DEFAULT_ORDER);
	}

	/**
	 * Returns the advisor that lets {@code @Cached} reads of a key with a queued write
	 * return the queued value rather than load the database's older one. It runs inside
	 * the {@code @Cached} advice, where only loads reach it.
	 * @return the advisor, to be registered as a bean
	 */
	public DefaultPointcutAdvisor queuedReadAdvisor() {
		StaticMethodMatcherPointcut cachedMethods = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
				return AnnotatedElementUtils.hasAnnotation(specific, Cached.class)
						|| AnnotatedElementUtils.hasAnnotation(method, Cached.class);
			}

		};
		cachedMethods.setClassFilter(AnnotatedTypes::mayCarry);
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(cachedMethods, this.reads);
		advisor.setOrder(DEFAULT_ORDER + 1);
		return advisor;
	}

	/**
	 * Returns the callback that, once all singletons exist, checks every write annotation
	 * of the application's beans (failing start-up on a bad one) and registers the
	 * {@code @WriteBehind} methods with the queues.
	 * @param beanFactory the application's beans
	 * @param queues the write-behind queues
	 * @return the callback, to be registered as a bean
	 */
	public SmartInitializingSingleton annotationScanner(ListableBeanFactory beanFactory, WriteBehindQueues queues) {
		return new WriteAnnotationScanner(beanFactory, this.operations, queues);
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
