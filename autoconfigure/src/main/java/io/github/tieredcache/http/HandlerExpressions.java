package io.github.tieredcache.http;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;

/**
 * The expressions of a {@code @CachedResponse} method, evaluated against its arguments as
 * Spring MVC or WebFlux resolved them: the key and the tags. Thread-safe.
 */
final class HandlerExpressions {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final @Nullable BeanFactory beanFactory;

	HandlerExpressions(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	EvaluationContext context(Method method, Object target, Class<?> targetClass, Object[] args) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new HandlerMethodRoot(method, target, targetClass, args), method, args, parameterNames);
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return context;
	}

	/**
	 * The key: the operation's expression, else the arguments the framework resolved from
	 * the request's data.
	 */
	static @Nullable Object key(CachedResponseOperation operation, EvaluationContext context, Object[] args) {
		return (operation.key() != null) ? operation.key().getValue(context)
				: SimpleKeyGenerator.generateKey(keyArguments(args));
	}

	static List<String> tags(List<Expression> expressions, EvaluationContext context, @Nullable Object result) {
		context.setVariable("result", result);
		List<String> names = new ArrayList<>();
		for (Expression expression : expressions) {
			Object tag = expression.getValue(context);
			if (tag instanceof Collection<?> many) {
				many.forEach((each) -> names.add(String.valueOf(each)));
			}
			else if (tag != null) {
				names.add(tag.toString());
			}
		}
		return names;
	}

	/**
	 * The arguments of a default key: those resolved from the request's data, without the
	 * objects the framework injects (request, response, exchange, session, principal,
	 * model, streams), which have no stable key.
	 */
	private static Object[] keyArguments(Object[] args) {
		List<Object> kept = new ArrayList<>(args.length);
		for (Object arg : args) {
			if (arg == null || !isInjected(arg.getClass())) {
				kept.add(arg);
			}
		}
		return kept.toArray();
	}

	private static boolean isInjected(Class<?> type) {
		String name = type.getName();
		return name.startsWith("jakarta.servlet.") || name.startsWith("org.springframework.")
				|| name.startsWith("org.apache.catalina.") || name.startsWith("reactor.netty.")
				|| Principal.class.isAssignableFrom(type) || java.io.InputStream.class.isAssignableFrom(type)
				|| java.io.OutputStream.class.isAssignableFrom(type) || java.io.Reader.class.isAssignableFrom(type)
				|| java.io.Writer.class.isAssignableFrom(type);
	}

	/**
	 * The root object of {@code @CachedResponse} expressions, as {@code #root}.
	 *
	 * @param method the handler method
	 * @param target the controller
	 * @param targetClass the controller's class
	 * @param args the arguments
	 */
	record HandlerMethodRoot(Method method, Object target, Class<?> targetClass, Object[] args) {

		/**
		 * Returns the method's name, as {@code #root.methodName}.
		 * @return the name
		 */
		public String methodName() {
			return this.method.getName();
		}

	}

}
