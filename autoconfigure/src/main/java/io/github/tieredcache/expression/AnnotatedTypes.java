package io.github.tieredcache.expression;

import java.lang.annotation.Annotation;
import java.lang.annotation.AnnotationFormatError;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells, once per class, whether any method of a class carries one of the starter's
 * method annotations ({@code @Cached}, {@code @CachedResponse}, {@code @InvalidateOn},
 * {@code @Warmer}, {@code @WriteThrough}, {@code @WriteBehind}; they apply to methods
 * only, so never as meta-annotations), on the class itself, a superclass or any
 * interface. The advisors' class filters and the start-up annotation scanners ask it
 * first, so that the hundreds of bean classes of a Spring Boot application that carry
 * none are looked at once, not method by method for each advisor and scanner.
 *
 * <p>
 * Thread-safe. Answers are remembered in a {@link ClassValue}, which keeps no class from
 * being unloaded.
 */
public final class AnnotatedTypes {

	private static final String ANNOTATION_PACKAGE = "io.github.tieredcache.annotation.";

	private static final ClassValue<Boolean> CARRIERS = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			Set<Class<?>> interfaces = new LinkedHashSet<>();
			for (Class<?> current = type; current != null
					&& current != Object.class; current = current.getSuperclass()) {
				if (declaresAnnotatedMethod(current)) {
					return true;
				}
				collectInterfaces(current, interfaces);
			}
			for (Class<?> implemented : interfaces) {
				if (declaresAnnotatedMethod(implemented)) {
					return true;
				}
			}
			return false;
		}

	};

	private AnnotatedTypes() {
	}

	/**
	 * Returns whether some method of a class, its superclasses or its interfaces carries
	 * one of the starter's method annotations; when not, none of its methods needs to be
	 * looked at.
	 * @param type the class, such as a bean's (a CGLIB subclass is looked through)
	 * @return whether any method may be annotated
	 */
	public static boolean mayCarry(Class<?> type) {
		return CARRIERS.get(type);
	}

	/**
	 * The interfaces a type implements or extends, also through other interfaces.
	 */
	private static void collectInterfaces(Class<?> type, Set<Class<?>> interfaces) {
		for (Class<?> implemented : type.getInterfaces()) {
			if (interfaces.add(implemented)) {
				collectInterfaces(implemented, interfaces);
			}
		}
	}

	private static boolean declaresAnnotatedMethod(Class<?> type) {
		if (type.getName().startsWith("java.")) {
			return false;
		}
		try {
			for (Method method : type.getDeclaredMethods()) {
				for (Annotation annotation : method.getDeclaredAnnotations()) {
					if (annotation.annotationType().getName().startsWith(ANNOTATION_PACKAGE)) {
						return true;
					}
				}
			}
			return false;
		}
		catch (LinkageError | AnnotationFormatError ex) {
			// A signature or an annotation names a class that is not there, or cannot
			// be read: say yes and let the caller look method by method, as it would
			// without this check
			return true;
		}
	}

}
