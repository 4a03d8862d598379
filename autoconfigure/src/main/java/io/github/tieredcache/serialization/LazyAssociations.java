package io.github.tieredcache.serialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Recognizes the lazy-loading wrappers of Hibernate (persistent collections and entity
 * proxies) without a compile-time dependency on it, so that an association that was never
 * loaded is reported instead of being triggered from a serializer, or written as garbage.
 * <p>
 * Thread-safe; the reflective look-ups are made once per class.
 */
final class LazyAssociations {

	private static final String PERSISTENT_COLLECTION = "org.hibernate.collection.spi.PersistentCollection";

	private static final String PROXY = "org.hibernate.proxy.HibernateProxy";

	private static final ClassValue<@Nullable Method> WAS_INITIALIZED = new ClassValue<>() {

		@Override
		protected @Nullable Method computeValue(Class<?> type) {
			Class<?> collectionType = findInterface(type, PERSISTENT_COLLECTION);
			return (collectionType != null) ? publicMethod(collectionType, "wasInitialized") : null;
		}

	};

	private static final ClassValue<@Nullable Method> LAZY_INITIALIZER = new ClassValue<>() {

		@Override
		protected @Nullable Method computeValue(Class<?> type) {
			Class<?> proxyType = findInterface(type, PROXY);
			return (proxyType != null) ? publicMethod(proxyType, "getHibernateLazyInitializer") : null;
		}

	};

	private LazyAssociations() {
	}

	/**
	 * Return whether instances of a class are lazily loaded collections or maps.
	 * @param type the class
	 * @return whether it is a persistent collection type
	 */
	static boolean isLazyCollectionType(Class<?> type) {
		return WAS_INITIALIZED.get(type) != null;
	}

	/**
	 * Return whether instances of a class are lazy entity proxies.
	 * @param type the class
	 * @return whether it is a proxy type
	 */
	static boolean isProxyType(Class<?> type) {
		return LAZY_INITIALIZER.get(type) != null;
	}

	/**
	 * Fail unless a collection or map is loaded; one that is not a persistent collection
	 * always passes.
	 * @param collection the collection or map
	 * @throws CacheValueSerializationException if it is a persistent collection that was
	 * never loaded
	 */
	static void requireLoaded(Object collection) {
		Method wasInitialized = WAS_INITIALIZED.get(collection.getClass());
		if (wasInitialized != null && !Boolean.TRUE.equals(invoke(wasInitialized, collection))) {
			throw new CacheValueSerializationException("the lazy association " + role(collection)
					+ " was never loaded; fetch it before caching (JOIN FETCH, an entity graph or "
					+ "Hibernate.initialize) or cache a DTO instead");
		}
	}

	/**
	 * Return the entity behind a proxy, which must have been loaded; any other object is
	 * returned as it is.
	 * @param value the proxy or other object
	 * @return the entity, or {@code value}
	 * @throws CacheValueSerializationException if it is a proxy that was never loaded
	 */
	static Object unproxy(Object value) {
		Method lazyInitializerAccessor = LAZY_INITIALIZER.get(value.getClass());
		if (lazyInitializerAccessor == null) {
			return value;
		}
		Object initializer = invoke(lazyInitializerAccessor, value);
		Class<?> initializerType = (initializer != null)
				? findInterface(initializer.getClass(), "org.hibernate.proxy.LazyInitializer") : null;
		if (initializer == null || initializerType == null) {
			throw new CacheValueSerializationException("the Hibernate proxy " + value.getClass().getName()
					+ " has no LazyInitializer this version recognizes; cache a DTO instead");
		}
		if (Boolean.TRUE.equals(invoke(publicMethod(initializerType, "isUninitialized"), initializer))) {
			throw new CacheValueSerializationException(
					"the lazy reference to " + invoke(publicMethod(initializerType, "getEntityName"), initializer)
							+ " was never loaded; fetch it before caching (JOIN FETCH, an entity graph or "
							+ "Hibernate.initialize) or cache a DTO instead");
		}
		Object entity = invoke(publicMethod(initializerType, "getImplementation"), initializer);
		if (entity == null) {
			throw new CacheValueSerializationException("the lazy reference to " + value.getClass().getName()
					+ " points to no entity; cache a DTO instead");
		}
		return entity;
	}

	private static String role(Object collection) {
		Class<?> collectionType = findInterface(collection.getClass(), PERSISTENT_COLLECTION);
		Method getRole = (collectionType != null) ? publicMethod(collectionType, "getRole") : null;
		Object role = (getRole != null) ? invoke(getRole, collection) : null;
		return (role != null) ? role.toString() : collection.getClass().getName();
	}

	private static @Nullable Class<?> findInterface(Class<?> type, String name) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> implemented : candidate.getInterfaces()) {
				if (implemented.getName().equals(name)) {
					return implemented;
				}
				Class<?> inherited = findInterface(implemented, name);
				if (inherited != null) {
					return inherited;
				}
			}
		}
		return null;
	}

	private static @Nullable Method publicMethod(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	private static @Nullable Object invoke(@Nullable Method method, Object target) {
		if (method == null) {
			throw new CacheValueSerializationException("the lazy-loading wrapper " + target.getClass().getName()
					+ " is not one this version recognizes; " + "cache a DTO instead");
		}
		try {
			return method.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new CacheValueSerializationException(
					"cannot tell whether " + target.getClass().getName() + " is loaded; cache a DTO instead", ex);
		}
	}

}
