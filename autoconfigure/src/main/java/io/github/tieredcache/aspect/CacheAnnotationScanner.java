package io.github.tieredcache.aspect;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.CachedResponse;
import io.github.tieredcache.annotation.InvalidateOn;
import io.github.tieredcache.cache.TieredCacheManager;
import io.github.tieredcache.expression.AnnotatedTypes;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.invalidation.TieredCacheInvalidator;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Once every singleton exists, finds the {@code @Cached}, {@code @CachedResponse} and
 * {@code @InvalidateOn} methods of every bean class, validates them (so a bad expression,
 * duration or cache name stops start-up rather than the first call), and registers the
 * {@code @InvalidateOn} annotations with the invalidator, so that events invalidate
 * caches even on instances that never called the method.
 */
final class CacheAnnotationScanner implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final CachedOperationSource operations;

	private final TieredCacheInvalidator invalidator;

	private final ObjectProvider<CacheManager> cacheManager;

	/**
	 * Creates a scanner.
	 * @param beanFactory the bean factory whose beans to scan
	 * @param operations parses {@code @Cached}
	 * @param invalidator receives the {@code @InvalidateOn} annotations
	 * @param cacheManager the cache manager, to check cache names
	 */
	CacheAnnotationScanner(ListableBeanFactory beanFactory, CachedOperationSource operations,
			TieredCacheInvalidator invalidator, ObjectProvider<CacheManager> cacheManager) {
		this.beanFactory = beanFactory;
		this.operations = operations;
		this.invalidator = invalidator;
		this.cacheManager = cacheManager;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Predicate<String> cacheExists = cacheExists();
		Set<Class<?>> scanned = new HashSet<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type != null && scanned.add(ClassUtils.getUserClass(type))) {
				scan(ClassUtils.getUserClass(type), cacheExists);
			}
		}
		this.invalidator.checkCaches(cacheExists);
	}

	private void scan(Class<?> type, Predicate<String> cacheExists) {
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
			if (!registered.add(specific)) {
				continue;
			}
			Set<InvalidateOn> invalidations = AnnotatedElementUtils.findMergedRepeatableAnnotations(specific,
					InvalidateOn.class);
			String cacheName = cacheName(specific, type);
			if (cacheName == null) {
				throw new InvalidCacheAnnotationException(specific, "@InvalidateOn",
						"the method is not @Cached (nor @CachedResponse), so there is nothing to invalidate",
						"Add @Cached(cache = \"...\") to the method, or move @InvalidateOn to the @Cached method",
						null);
			}
			if (!cacheExists.test(cacheName)) {
				throw new InvalidCacheAnnotationException(specific, "@Cached(cache)",
						"cache '" + cacheName + "' does not exist and caches are not created on demand",
						"Configure it under tiered-cache.caches." + cacheName
								+ ", correct the name, or set tiered-cache.create-on-demand=true",
						null);
			}
			for (InvalidateOn annotation : invalidations) {
				this.invalidator.register(specific, cacheName, annotation);
			}
		}
	}

	/**
	 * Returns the cache of a {@code @Cached} method, or of the HTTP responses of a
	 * {@code @CachedResponse} handler method.
	 */
	private @Nullable String cacheName(Method method, Class<?> type) {
		String cacheName = this.operations.cacheName(method, type);
		if (cacheName != null) {
			return cacheName;
		}
		CachedResponse response = AnnotatedElementUtils.findMergedAnnotation(method, CachedResponse.class);
		return (response != null) ? response.cache() : null;
	}

	private static boolean isAnnotated(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, Cached.class)
				|| AnnotatedElementUtils.hasAnnotation(method, CachedResponse.class)
				|| AnnotatedElementUtils.hasAnnotation(method, InvalidateOn.class)
				|| AnnotatedElementUtils.hasAnnotation(method, InvalidateOn.List.class);
	}

	private Predicate<String> cacheExists() {
		CacheManager manager = this.cacheManager.getIfAvailable();
		if (manager instanceof TieredCacheManager tiered && !tiered.isCreateOnDemand()) {
			return (name) -> tiered.getCacheNames().contains(name);
		}
		return (name) -> true;
	}

}
