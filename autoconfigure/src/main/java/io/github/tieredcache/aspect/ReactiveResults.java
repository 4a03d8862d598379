package io.github.tieredcache.aspect;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Reactor side of {@code @Cached} on methods returning {@link Mono} or {@link Flux}:
 * the cache holds what a {@code Mono} emits ({@code null} for empty) and the list a
 * {@code Flux} emits, as Spring's own {@code @Cacheable} does. Only this class refers to
 * Reactor, and it is only loaded when Reactor is on the class path (see
 * {@link CachedOperation.ResultKind}), so applications without Reactor never need it.
 */
final class ReactiveResults {

	private ReactiveResults() {
	}

	static boolean isMono(Class<?> type) {
		return Mono.class.isAssignableFrom(type);
	}

	static boolean isFlux(Class<?> type) {
		return Flux.class.isAssignableFrom(type);
	}

	/**
	 * Subscribes to a method's result, collecting a {@code Flux} into a list. Cancelling
	 * the future cancels the subscription.
	 * @param result the {@code Mono} or {@code Flux} the method returned
	 * @param flux whether it is a {@code Flux}
	 * @return the value emitted ({@code null} for an empty {@code Mono}) or the list
	 */
	@SuppressWarnings("unchecked")
	static CompletableFuture<@Nullable Object> subscribe(Object result, boolean flux) {
		// Mono.from: the Publisher Spring's proxies make of a Kotlin suspend function
		Mono<?> value = flux ? ((Flux<Object>) result).collectList() : Mono.from((Publisher<Object>) result);
		return (CompletableFuture<@Nullable Object>) value.toFuture();
	}

	/**
	 * Returns the publisher a caller gets: each subscription runs the lookup afresh, and
	 * cancelling one cancels only that subscriber's own wait.
	 * @param lookup looks the key up in the cache, loading it on a miss; the future is
	 * the subscriber's own
	 * @param flux whether to replay the cached list as a {@code Flux}
	 * @return the {@code Mono} or {@code Flux} to hand to the caller
	 */
	static Object lazily(Supplier<CompletableFuture<@Nullable Object>> lookup, boolean flux) {
		Mono<Object> value = Mono.defer(() -> Mono.fromFuture(lookup.get()))
			.onErrorMap((failure) -> MethodFailure.unwrap(failure));
		return flux ? value.flatMapIterable((list) -> (List<?>) list) : value;
	}

	/**
	 * Returns the method's result with its value (or list) also handed to an action once
	 * complete, for a call that refreshes the entry.
	 * @param result the {@code Mono} or {@code Flux} the method returned
	 * @param flux whether it is a {@code Flux}
	 * @param action receives the value ({@code null} for an empty {@code Mono}) or the
	 * list
	 * @return the publisher to hand to the caller
	 */
	@SuppressWarnings("unchecked")
	static Object whenComplete(Object result, boolean flux, Consumer<@Nullable Object> action) {
		if (flux) {
			return ((Flux<Object>) result).collectList()
				.doOnNext(action::accept)
				.flatMapIterable((list) -> (List<?>) list);
		}
		return Mono.from((Publisher<Object>) result).doOnSuccess(action::accept);
	}

}
