package io.github.tieredcache.warming;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.tieredcache.annotation.Warmer;
import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.CacheExpressions;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link Warmer} methods of every bean and turns each into a warmer that calls
 * the method on the bean as the container exposes it (through its proxies, so
 * {@code @Transactional} and the like apply).
 */
final class WarmerMethods {

	private WarmerMethods() {
	}

	static List<WarmerDefinition> find(ListableBeanFactory beanFactory) {
		List<WarmerDefinition> warmers = new ArrayList<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				// Its scoped proxy is the bean the application uses
				continue;
			}
			Class<?> type = targetType(beanFactory, beanName);
			if (type == null) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			if (!AnnotatedTypes.mayCarry(userType)) {
				continue;
			}
			Map<Method, Warmer> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<Warmer>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, Warmer.class));
			if (methods.isEmpty()) {
				continue;
			}
			methods.forEach((method, annotation) -> warmers.add(definition(beanFactory, beanName, method, annotation)));
		}
		return warmers;
	}

	/**
	 * The bean's own class, also behind a JDK proxy (whose type alone would hide it).
	 */
	private static @Nullable Class<?> targetType(ListableBeanFactory beanFactory, String beanName) {
		if (beanFactory instanceof ConfigurableListableBeanFactory configurable
				&& configurable.containsBeanDefinition(beanName)) {
			Class<?> target = AutoProxyUtils.determineTargetClass(configurable, beanName);
			if (target != null) {
				return target;
			}
		}
		return beanFactory.getType(beanName, false);
	}

	private static WarmerDefinition definition(ListableBeanFactory beanFactory, String beanName, Method method,
			Warmer annotation) {
		String location = InvalidCacheAnnotationException.describe(method) + " @Warmer";
		if (!beanFactory.isSingleton(beanName)) {
			throw new InvalidCacheAnnotationException(location,
					"bean '" + beanName + "' is not a singleton, so there is no one instance to warm with",
					"Move the method to a singleton bean", null);
		}
		if (method.getParameterCount() > 0) {
			throw new InvalidCacheAnnotationException(location,
					"the method takes parameters, but warmers are called " + "without arguments",
					"Remove the parameters and read what the warmer needs from the bean", null);
		}
		boolean returnsEntries = Map.class.isAssignableFrom(method.getReturnType());
		boolean fillsItself = method.getReturnType() == void.class || method.getReturnType() == Void.class;
		if (!returnsEntries && !fillsItself) {
			throw new InvalidCacheAnnotationException(location,
					"the method returns " + method.getReturnType().getName() + ", neither a Map of entries nor void",
					"Return a Map from cache key to value, or return nothing and call @Cached methods", null);
		}
		String cache = annotation.cache().isBlank() ? null : annotation.cache().trim();
		if (returnsEntries && cache == null) {
			throw new InvalidCacheAnnotationException(location + "(cache)",
					"the method returns entries but names no cache to write them to", "Set @Warmer(cache = \"...\")",
					null);
		}
		WarmingPolicy policy = policy(annotation, location);
		String name = annotation.name().isBlank() ? method.getName() : annotation.name().trim();
		Method invocable = AopUtils.selectInvocableMethod(method, beanFactory.getType(beanName));
		ReflectionUtils.makeAccessible(invocable);
		WarmerDefinition.Source source = () -> {
			Object bean = beanFactory.getBean(beanName);
			try {
				Object result = invocable.invoke(bean);
				return returnsEntries ? (Map<?, ?>) orEmpty(result) : null;
			}
			catch (InvocationTargetException ex) {
				Throwable target = ex.getTargetException();
				throw (target instanceof Exception exception) ? exception : new IllegalStateException(target);
			}
		};
		return new WarmerDefinition(name, cache, policy, source,
				"@Warmer method " + InvalidCacheAnnotationException.describe(method));
	}

	private static Object orEmpty(Object result) {
		return (result != null) ? result : Map.of();
	}

	private static WarmingPolicy policy(Warmer annotation, String location) {
		String cron = annotation.cron().isBlank() ? null : annotation.cron().trim();
		try {
			return new WarmingPolicy(annotation.onStartup(),
					CacheExpressions.duration(annotation.interval(), location + "(interval)"), cron,
					annotation.priority(), CacheExpressions.duration(annotation.timeout(), location + "(timeout)"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCacheAnnotationException(location, ex.getMessage(),
					"Fix the interval or the cron expression (set only one of them)", ex);
		}
	}

}
