package io.github.tieredcache.test.redis;

import java.util.Arrays;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Injects {@link RedisServer} parameters: {@link RedisServers#shared()} by default, a
 * fresh {@link RedisServers#startDedicated()} server for a parameter annotated
 * {@link Dedicated}. Usually registered through {@link RealRedis}.
 * <p>
 * A dedicated server is stored in the {@link ExtensionContext.Store} of the context it
 * was resolved in, so JUnit closes it when that context ends: after the test method,
 * after the class for {@code @BeforeAll}, and after the test instance for constructors
 * (the extension asks for test-method scope during instantiation). This relies on JUnit
 * closing {@link AutoCloseable} store values, which it does unless
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled=false}.
 * <p>
 * When no server can be had, tests are disabled before they start, with the reason and
 * the fix as the message (JUnit would otherwise report a failed parameter resolution);
 * with {@code CI=true} they fail instead.
 * <p>
 * Thread-safe: tests may run in parallel.
 */
public final class RedisServerExtension implements ParameterResolver, ExecutionCondition {

	private static final Namespace NAMESPACE = Namespace.create(RedisServerExtension.class);

	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		boolean dedicated = context.getTestMethod()
			.map((method) -> Arrays.stream(method.getParameters())
				.anyMatch((parameter) -> parameter.isAnnotationPresent(Dedicated.class)))
			.orElse(false);
		try {
			RedisServers.requireAvailable(dedicated);
			return ConditionEvaluationResult.enabled("a Redis server is available");
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		if (!parameterContext.isAnnotated(Dedicated.class)) {
			return RedisServers.shared();
		}
		RedisServer server = RedisServers.startDedicated();
		extensionContext.getStore(NAMESPACE).put(new Object(), server);
		return server;
	}

}
