package io.github.tieredcache.write;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The application's {@code @WriteBehind} methods by the id queue entries name them by,
 * and the runs of queued writes: through the bean's proxy, so that the method's other
 * advice (a {@code @Transactional}, for one) applies, with the write-behind advice
 * stepping aside. Thread-safe.
 */
final class WriteBehindMethods {

	private static final ThreadLocal<Boolean> running = new ThreadLocal<>();

	private final BeanFactory beanFactory;

	private final Map<String, Target> targets = new ConcurrentHashMap<>();

	WriteBehindMethods(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Records the bean that runs a method's queued writes.
	 * @throws IllegalStateException if another bean has the same method
	 */
	void register(String beanName, Method method) {
		String id = WriteOperation.methodId(method);
		Target previous = this.targets.putIfAbsent(id, new Target(beanName, method));
		if (previous != null && !previous.beanName().equals(beanName)) {
			throw new IllegalStateException("Beans '" + previous.beanName() + "' and '" + beanName
					+ "' both have the @WriteBehind method " + id + ", so a queued write could not tell which runs it; "
					+ "move the annotation to a class with a single bean");
		}
	}

	/**
	 * Returns whether the current thread runs a queued write, so the advice lets the
	 * method run.
	 */
	static boolean isRunningQueuedWrite() {
		return running.get() != null;
	}

	/**
	 * Runs a queued write.
	 * @throws Throwable what the method threw, or why it could not be found or called
	 */
	void run(String methodId, @Nullable Object[] arguments) throws Throwable {
		Target target = this.targets.get(methodId);
		if (target == null) {
			throw new IllegalStateException("No @WriteBehind method " + methodId + " in this application; "
					+ "was it renamed or removed while writes to it were queued?");
		}
		Object bean = this.beanFactory.getBean(target.beanName());
		Method invocable = AopUtils.selectInvocableMethod(target.method(), bean.getClass());
		// A public method of a package-private class (a common way to declare a service)
		// cannot be called by reflection from this package otherwise
		ReflectionUtils.makeAccessible(invocable);
		running.set(Boolean.TRUE);
		try {
			invocable.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		finally {
			running.remove();
		}
	}

	private record Target(String beanName, Method method) {
	}

}
