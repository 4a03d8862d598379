package io.github.tieredcache.http;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Runs a {@code @CachedResponse} handler method, called by Spring MVC with its resolved
 * arguments, through {@link ResponseCaching}: on a hit it returns {@code null} without
 * running the method (the filter writes the cached answer in place of whatever Spring MVC
 * makes of {@code null}); on a miss it runs the method while the filter buffers the
 * response. Called outside a request the filter saw, it just runs the method. The
 * method's exceptions reach the caller unchanged, and nothing is stored for them.
 * Thread-safe.
 */
final class CachedResponseInterceptor implements MethodInterceptor {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final CachedResponseOperationSource operations;

	private final Supplier<ResponseCaching> caching;

	private final @Nullable BeanFactory beanFactory;

	CachedResponseInterceptor(CachedResponseOperationSource operations, Supplier<ResponseCaching> caching,
			@Nullable BeanFactory beanFactory) {
		this.operations = operations;
		this.caching = caching;
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return invocation.proceed();
		}
		HttpServletRequest request = servlet.getRequest();
		Object target = invocation.getThis();
		if (!(request.getAttribute(ResponseCapture.ATTRIBUTE) instanceof ResponseCapture capture) || target == null) {
			return invocation.proceed();
		}
		Class<?> targetClass = AopUtils.getTargetClass(target);
		CachedResponseOperation operation = this.operations.find(invocation.getMethod(), targetClass);
		if (operation == null || !capture.claim()) {
			return invocation.proceed();
		}
		Object[] args = invocation.getArguments();
		EvaluationContext context = context(operation.method(), target, targetClass, args);
		Supplier<Object> key = () -> (operation.key() != null) ? operation.key().getValue(context)
				: SimpleKeyGenerator.generateKey(keyArguments(args));
		if (!this.caching.get().before(operation, request, capture, key)) {
			return null;
		}
		Object result = invocation.proceed();
		if (capture.mode() == ResponseCapture.Mode.CAPTURE && !operation.tags().isEmpty()) {
			context.setVariable("result", result);
			capture.tags(tags(operation.tags(), context));
		}
		return result;
	}

	private static List<String> tags(List<Expression> expressions, EvaluationContext context) {
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
	 * The arguments of a default key: those Spring MVC resolves from the request's data,
	 * without the objects it injects (request, response, session, principal, model,
	 * streams), which have no stable key.
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
				|| name.startsWith("org.apache.catalina.") || Principal.class.isAssignableFrom(type)
				|| java.io.InputStream.class.isAssignableFrom(type) || java.io.OutputStream.class.isAssignableFrom(type)
				|| java.io.Reader.class.isAssignableFrom(type) || java.io.Writer.class.isAssignableFrom(type);
	}

	private EvaluationContext context(Method method, Object target, Class<?> targetClass, Object[] args) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new HandlerMethodRoot(method, target, targetClass, args), method, args, parameterNames);
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return context;
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
