package io.github.tieredcache.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.tieredcache.cache.TieredCache;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.expression.EvaluationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Runs a {@code @CachedResponse} WebFlux handler method, which returns a {@code Mono} or
 * a {@code Flux}, through {@link ResponseCaching}: the method's result is replaced by a
 * publisher of the same kind that, when WebFlux subscribes to it, finds the request's
 * {@link ReactiveResponseCapture} in the Reactor context and looks the key up; on a hit
 * it completes empty without calling the method (the capture writes the cached answer in
 * place of what WebFlux makes of that); on a miss it calls the method and subscribes to
 * its result while the capture buffers the response. An L1 hit answers on the subscribing
 * thread; a lookup that needs Redis runs on Reactor's bounded elastic scheduler.
 * Subscribed outside a request the filter saw, it just calls the method. The method's
 * errors reach WebFlux unchanged, and nothing is stored for them. Thread-safe.
 */
final class ReactiveCachedResponseInterceptor implements MethodInterceptor {

	private final CachedResponseOperationSource operations;

	private final Supplier<ResponseCaching> caching;

	private final HandlerExpressions expressions;

	ReactiveCachedResponseInterceptor(CachedResponseOperationSource operations, Supplier<ResponseCaching> caching,
			HandlerExpressions expressions) {
		this.operations = operations;
		this.caching = caching;
		this.expressions = expressions;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> returnType = invocation.getMethod().getReturnType();
		boolean flux = Flux.class.isAssignableFrom(returnType);
		if (target == null || (!flux && !Mono.class.isAssignableFrom(returnType))) {
			return invocation.proceed();
		}
		Class<?> targetClass = AopUtils.getTargetClass(target);
		CachedResponseOperation operation = this.operations.find(invocation.getMethod(), targetClass);
		if (operation == null) {
			return invocation.proceed();
		}
		// The method runs when WebFlux subscribes, after this call returned: through a
		// copy of the invocation, on the advice chain behind this one
		MethodInvocation pristine = (invocation instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
				: invocation;
		Object[] args = invocation.getArguments();
		Supplier<Publisher<?>> method = () -> call(pristine);
		if (flux) {
			return Flux.deferContextual((context) -> decide(context, operation, target, targetClass, args).flatMapMany(
					(decision) -> decision.run() ? collectingTags(Flux.from(method.get()), decision) : Flux.empty()));
		}
		return Mono.deferContextual((context) -> decide(context, operation, target, targetClass, args)
			.flatMap((decision) -> decision.run() ? taggingResult(Mono.from(method.get()), decision) : Mono.empty()));
	}

	/**
	 * Decides how the request is answered: the method runs unless the entry answers it.
	 */
	private Mono<Decision> decide(ContextView reactorContext, CachedResponseOperation operation, Object target,
			Class<?> targetClass, Object[] args) {
		ReactiveResponseCapture capture = reactorContext.getOrDefault(ReactiveResponseCapture.CONTEXT_KEY, null);
		if (capture == null || !capture.claim()) {
			return Mono.just(Decision.RUN);
		}
		ResponseCaching caching = this.caching.get();
		ServerHttpRequest request = capture.request();
		HttpHeaders headers = request.getHeaders();
		ResponseCacheOutcome skip = caching.skipReason(operation, request.getMethod().name(), ResponseCaching
			.isAuthenticated(headers.containsHeader(HttpHeaders.AUTHORIZATION), false, request.getCookies().keySet()));
		if (skip != null) {
			caching.bypass(capture, skip);
			return Mono.just(Decision.RUN);
		}
		Cache cache = caching.cache(operation);
		EvaluationContext context = this.expressions.context(operation.method(), target, targetClass, args);
		Object key = ResponseCaching.requireKey(operation, HandlerExpressions.key(operation, context, args));
		String variant = ResponseCaching.variant(operation, headers::getOrEmpty);
		boolean head = HttpMethod.HEAD.equals(request.getMethod());
		boolean noCache = ResponseCaching.hasNoCache(headers.getOrEmpty(HttpHeaders.CACHE_CONTROL));
		return read(cache, key).map((stored) -> {
			boolean run = caching.decide(operation, cache, key, variant, stored.orElse(null), head, noCache, capture);
			return new Decision(run, capture, operation, context);
		});
	}

	/**
	 * What the cache holds for the key: from L1 at once, else read on the bounded elastic
	 * scheduler, since the read waits for Redis.
	 */
	private static Mono<Optional<Object>> read(Cache cache, Object key) {
		if (cache instanceof TieredCache tiered) {
			ValueWrapper hit = tiered.getFromLocalTier(key);
			if (hit != null) {
				return Mono.just(Optional.ofNullable(hit.get()));
			}
		}
		return Mono.fromCallable(() -> Optional.ofNullable(ResponseCaching.read(cache, key)))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Tags a stored response with what the {@code Mono} emitted as {@code #result}.
	 */
	private static Mono<?> taggingResult(Mono<?> result, Decision decision) {
		if (!decision.tagsTheResponse()) {
			return result;
		}
		return result.doOnNext((value) -> decision.tag(value));
	}

	/**
	 * Tags a stored response with the list of what the {@code Flux} emitted as
	 * {@code #result}.
	 */
	private static Flux<?> collectingTags(Flux<?> result, Decision decision) {
		if (!decision.tagsTheResponse()) {
			return result;
		}
		return Flux.defer(() -> {
			List<Object> elements = new ArrayList<>();
			return result.doOnNext(elements::add).doOnComplete(() -> decision.tag(elements));
		});
	}

	private static Publisher<?> call(MethodInvocation pristine) {
		MethodInvocation invocation = (pristine instanceof ProxyMethodInvocation proxied) ? proxied.invocableClone()
				: pristine;
		try {
			Object result = invocation.proceed();
			return (result != null) ? (Publisher<?>) result : Mono.empty();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Whether the method runs, and what a miss needs to tag its response.
	 */
	private record Decision(boolean run, @Nullable ReactiveResponseCapture capture,
			@Nullable CachedResponseOperation operation, @Nullable EvaluationContext context) {

		static final Decision RUN = new Decision(true, null, null, null);

		boolean tagsTheResponse() {
			return this.capture != null && this.operation != null && !this.operation.tags().isEmpty()
					&& this.capture.mode() == ResponseCapture.Mode.CAPTURE;
		}

		void tag(@Nullable Object result) {
			if (this.capture != null && this.operation != null && this.context != null) {
				this.capture.tags(HandlerExpressions.tags(this.operation.tags(), this.context, result));
			}
		}

	}

}
