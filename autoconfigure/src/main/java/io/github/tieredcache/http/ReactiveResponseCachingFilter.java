package io.github.tieredcache.http;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link WebFilter} of {@code @CachedResponse} in Spring WebFlux applications: hands
 * every {@code GET} and {@code HEAD} exchange a response that passes everything through
 * unless a {@code @CachedResponse} method asks for more (see
 * {@link ReactiveResponseCapture}), and puts it in the request's Reactor context, where
 * the advice around the method finds it when WebFlux subscribes to the method's result.
 * Other requests pass untouched.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class ReactiveResponseCachingFilter implements WebFilter, Ordered {

	private final ResponseCaching caching;

	private final int order;

	/**
	 * Creates the filter.
	 * @param caching what decides and stores the answers
	 * @param order the filter's order: after security, so that it sees the request as the
	 * handler will
	 */
	public ReactiveResponseCachingFilter(ResponseCaching caching, int order) {
		this.caching = caching;
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return chain.filter(exchange);
		}
		ReactiveResponseCapture capture = new ReactiveResponseCapture(exchange.getResponse(), exchange.getRequest(),
				this.caching);
		return chain.filter(exchange.mutate().response(capture).build())
			.then(Mono.defer(capture::complete))
			.contextWrite((context) -> context.put(ReactiveResponseCapture.CONTEXT_KEY, capture))
			.doFinally((signal) -> capture.endFill());
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
