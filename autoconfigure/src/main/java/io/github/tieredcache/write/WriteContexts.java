package io.github.tieredcache.write;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;

/**
 * Evaluation contexts of the write annotations' expressions: the arguments by name and
 * position, {@code #result}, {@code #root.method}, {@code #root.target},
 * {@code #root.args} and {@code @bean} references, as for {@code @Cached}.
 */
final class WriteContexts {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final @Nullable BeanFactory beanFactory;

	WriteContexts(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	EvaluationContext create(Method method, Object target, @Nullable Object[] args, @Nullable Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new Root(method, target, args), method,
				args, parameterNames);
		context.setVariable("result", result);
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return context;
	}

	/**
	 * The root object, as {@code #root}.
	 *
	 * @param method the method called
	 * @param target the bean called
	 * @param args the arguments
	 */
	record Root(Method method, Object target, @Nullable Object[] args) {

		/**
		 * Returns the method's name, as {@code #root.methodName}.
		 * @return the name
		 */
		public String methodName() {
			return this.method.getName();
		}

	}

}
