package io.github.tieredcache.write;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import io.github.tieredcache.annotation.WriteBehind;
import io.github.tieredcache.annotation.WriteThrough;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Once every singleton exists, parses the {@code @WriteThrough} and {@code @WriteBehind}
 * methods of the application's beans, so a bad annotation or an unknown cache stops
 * start-up, and registers each {@code @WriteBehind} method with its bean: every instance
 * then consumes the cache's queue and can run writes other instances queued, even if it
 * never called the method itself.
 */
final class WriteAnnotationScanner implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final WriteOperationSource operations;

	private final WriteBehindQueues queues;

	WriteAnnotationScanner(ListableBeanFactory beanFactory, WriteOperationSource operations, WriteBehindQueues queues) {
		this.beanFactory = beanFactory;
		this.operations = operations;
		this.queues = queues;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type != null) {
				scan(name, ClassUtils.getUserClass(type));
			}
		}
	}

	private void scan(String beanName, Class<?> type) {
		if (!AnnotatedTypes.mayCarry(type)) {
			return;
		}
		Set<Method> methods = MethodIntrospector
			.selectMethods(type,
					(MethodIntrospector.MetadataLookup<Boolean>) (method) -> isAnnotated(method) ? Boolean.TRUE : null)
			.keySet();
		Set<Method> registered = new HashSet<>();
		for (Method method : methods) {
			Method specific = AopUtils.getMostSpecificMethod(method, type);
			WriteOperation operation = this.operations.find(specific, type);
			if (operation == null || !registered.add(specific)) {
				continue;
			}
			checkCache(operation);
			if (operation.kind() == WriteOperation.Kind.BEHIND) {
				try {
					this.queues.register(beanName, operation);
				}
				catch (IllegalStateException ex) {
					throw new InvalidCacheAnnotationException(specific, "@WriteBehind", ex.getMessage(),
							"Put @WriteBehind on a class with a single bean", ex);
				}
			}
		}
	}

	private void checkCache(WriteOperation operation) {
		CacheManager manager = this.beanFactory.getBeanProvider(CacheManager.class).getIfUnique();
		if (manager instanceof TieredCacheManager tiered && !tiered.isCreateOnDemand()
				&& !tiered.getCacheNames().contains(operation.cacheName())) {
			String annotation = (operation.kind() == WriteOperation.Kind.BEHIND) ? "@WriteBehind" : "@WriteThrough";
			throw new InvalidCacheAnnotationException(operation.method(), annotation + "(cache)",
					"cache '" + operation.cacheName() + "' does not exist and caches are not created on demand",
					"Configure it under tiered-cache.caches." + operation.cacheName()
							+ ", correct the name, or set tiered-cache.create-on-demand=true",
					null);
		}
	}

	private static boolean isAnnotated(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, WriteThrough.class)
				|| AnnotatedElementUtils.hasAnnotation(method, WriteBehind.class);
	}

}
