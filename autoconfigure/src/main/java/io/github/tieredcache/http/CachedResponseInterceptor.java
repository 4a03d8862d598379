package io.github.tieredcache.http;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.cache.Cache;
import org.springframework.expression.EvaluationContext;
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

	private final CachedResponseOperationSource operations;

	private final Supplier<ResponseCaching> caching;

	private final HandlerExpressions expressions;

	CachedResponseInterceptor(CachedResponseOperationSource operations, Supplier<ResponseCaching> caching,
			HandlerExpressions expressions) {
		this.operations = operations;
		this.caching = caching;
		this.expressions = expressions;
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
		ResponseCaching caching = this.caching.get();
		ResponseCacheOutcome skip = caching.skipReason(operation, request.getMethod(), isAuthenticated(request));
		if (skip != null) {
			caching.bypass(capture, skip);
			return invocation.proceed();
		}
		Cache cache = caching.cache(operation);
		Object[] args = invocation.getArguments();
		EvaluationContext context = this.expressions.context(operation.method(), target, targetClass, args);
		Object key = ResponseCaching.requireKey(operation, HandlerExpressions.key(operation, context, args));
		String variant = ResponseCaching.variant(operation, (name) -> values(request, name));
		if (!caching.decide(operation, cache, key, variant, ResponseCaching.read(cache, key),
				"HEAD".equals(request.getMethod()), ResponseCaching.hasNoCache(values(request, "Cache-Control")),
				capture)) {
			return null;
		}
		Object result = invocation.proceed();
		if (capture.mode() == ResponseCapture.Mode.CAPTURE && !operation.tags().isEmpty()) {
			capture.tags(HandlerExpressions.tags(operation.tags(), context, result));
		}
		return result;
	}

	private static List<String> values(HttpServletRequest request, String header) {
		return (request.getHeaders(header) != null) ? Collections.list(request.getHeaders(header)) : List.of();
	}

	private static boolean isAuthenticated(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		return ResponseCaching.isAuthenticated(request.getHeader("Authorization") != null,
				request.getRequestedSessionId() != null,
				(cookies != null) ? java.util.Arrays.stream(cookies).map(Cookie::getName).toList() : List.of());
	}

}
