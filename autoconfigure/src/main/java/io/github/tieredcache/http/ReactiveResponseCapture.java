package io.github.tieredcache.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.tieredcache.cache.BulkFill;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.Assert;

/**
 * The response of one WebFlux request as {@link ReactiveResponseCachingFilter} hands it
 * on: passes everything through until the advice around a {@code @CachedResponse} method
 * asks it to serve an entry (whatever the handler writes is dropped and the entry written
 * instead) or to buffer the body of a miss, which it stores through
 * {@link ResponseCaching} before writing it. Storing waits for Redis, so it runs on
 * Reactor's bounded elastic scheduler, never on an event loop. A body larger than
 * {@code tiered-cache.http.max-body-size} is written as it came, and a streamed one
 * ({@code writeAndFlushWith}, server-sent events, NDJSON) is passed through; neither is
 * stored. One per request.
 */
final class ReactiveResponseCapture extends ServerHttpResponseDecorator implements Capture {

	/**
	 * Where the filter puts the capture in the Reactor context of the request, for the
	 * advice to find.
	 */
	static final String CONTEXT_KEY = ReactiveResponseCapture.class.getName();

	private static final List<MediaType> STREAMING = List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON);

	private final ServerHttpRequest request;

	private final ResponseCaching caching;

	private volatile ResponseCapture.Mode mode = ResponseCapture.Mode.PASS;

	private volatile boolean claimed;

	private volatile @Nullable Miss miss;

	private volatile @Nullable StoredResponse served;

	private volatile @Nullable BulkFill fill;

	ReactiveResponseCapture(ServerHttpResponse response, ServerHttpRequest request, ResponseCaching caching) {
		super(response);
		this.request = request;
		this.caching = caching;
	}

	ServerHttpRequest request() {
		return this.request;
	}

	/**
	 * Returns whether this is the first {@code @CachedResponse} method of the request, so
	 * that one such method called by another does not take over the response.
	 */
	synchronized boolean claim() {
		if (this.claimed) {
			return false;
		}
		this.claimed = true;
		return true;
	}

	ResponseCapture.Mode mode() {
		return this.mode;
	}

	@Override
	public void bypass() {
		this.mode = ResponseCapture.Mode.BYPASS;
	}

	@Override
	public void serve(StoredResponse response) {
		this.served = response;
		this.mode = ResponseCapture.Mode.SERVE;
	}

	@Override
	public void capture(Miss miss, Runnable onOverflow) {
		this.miss = miss;
		this.mode = ResponseCapture.Mode.CAPTURE;
	}

	@Override
	public void watch(BulkFill fill) {
		this.fill = fill;
	}

	@Override
	public void setHeader(String name, String value) {
		getHeaders().set(name, value);
	}

	void tags(List<String> tags) {
		Miss current = this.miss;
		if (current != null) {
			this.miss = current.withTags(tags);
		}
	}

	/**
	 * Stops watching the miss's key, however the request ended.
	 */
	void endFill() {
		BulkFill started = this.fill;
		this.fill = null;
		if (started != null) {
			started.close();
		}
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		if (this.mode != ResponseCapture.Mode.PASS) {
			return write(body);
		}
		// Writers call this before subscribing to the handler's result, which is when
		// the advice decides: route the body once its first signal shows the decision
		return Flux.from(body).switchOnFirst((first, all) -> write(all)).then();
	}

	private Mono<Void> write(Publisher<? extends DataBuffer> body) {
		return switch (this.mode) {
			case SERVE -> Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(this::writeServed));
			case CAPTURE -> Flux.from(body).collectList().flatMap(this::store);
			default -> super.writeWith(body);
		};
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		if (this.mode != ResponseCapture.Mode.PASS) {
			return writeAndFlush(body);
		}
		return Flux.from(body).switchOnFirst((first, all) -> writeAndFlush(all)).then();
	}

	private Mono<Void> writeAndFlush(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return switch (this.mode) {
			case SERVE -> Flux.from(body)
				.concatMap(Flux::from)
				.doOnNext(DataBufferUtils::release)
				.then(Mono.defer(this::writeServed));
			case CAPTURE -> {
				this.mode = ResponseCapture.Mode.BYPASS;
				this.caching.refuse(this, ResponseCacheOutcome.BYPASS_STREAMING);
				yield super.writeAndFlushWith(body);
			}
			default -> super.writeAndFlushWith(body);
		};
	}

	@Override
	public Mono<Void> setComplete() {
		return switch (this.mode) {
			case SERVE -> writeServed();
			case CAPTURE -> store(List.of());
			default -> super.setComplete();
		};
	}

	/**
	 * Finishes a request whose handler wrote nothing through this response (WebFlux
	 * completes an empty {@code Mono<ResponseEntity>} on the response it was given, not
	 * this one): serves the entry, or stores the empty response of a miss.
	 */
	Mono<Void> complete() {
		return switch (this.mode) {
			case SERVE -> writeServed();
			case CAPTURE -> store(List.of());
			default -> Mono.empty();
		};
	}

	private Mono<Void> writeServed() {
		StoredResponse entry = this.served;
		Assert.state(entry != null, "No entry to serve");
		this.mode = ResponseCapture.Mode.BYPASS;
		ResponseCaching.Answer answer = this.caching.answer(entry, this.request.getHeaders().getFirst("If-None-Match"));
		setStatusCode(answer.notModified() ? HttpStatus.NOT_MODIFIED : HttpStatus.OK);
		HttpHeaders headers = getHeaders();
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		for (Map.Entry<String, String> header : answer.headers()) {
			headers.set(header.getKey(), header.getValue());
		}
		if (answer.notModified()) {
			headers.remove(HttpHeaders.CONTENT_TYPE);
			return super.setComplete();
		}
		if (entry.contentType() != null) {
			headers.set(HttpHeaders.CONTENT_TYPE, entry.contentType());
		}
		headers.setContentLength(entry.body().length);
		return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(entry.body())));
	}

	private Mono<Void> store(List<? extends DataBuffer> buffers) {
		Miss pending = this.miss;
		Assert.state(pending != null, "No miss to store");
		this.mode = ResponseCapture.Mode.BYPASS;
		long size = 0;
		for (DataBuffer buffer : buffers) {
			size += buffer.readableByteCount();
		}
		if (size > this.caching.maxBodySize()) {
			this.caching.refuse(this, ResponseCacheOutcome.BYPASS_TOO_LARGE);
			return super.writeWith(Flux.fromIterable(buffers));
		}
		byte[] body = new byte[(int) size];
		int offset = 0;
		for (DataBuffer buffer : buffers) {
			int length = buffer.readableByteCount();
			buffer.read(body, offset, length);
			offset += length;
			DataBufferUtils.release(buffer);
		}
		ResponseCacheOutcome refused = refusal();
		if (refused != null) {
			this.caching.refuse(this, refused);
			return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(body)));
		}
		MediaType contentType = getHeaders().getContentType();
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		getHeaders().forEach((name, values) -> {
			if (!values.isEmpty()) {
				headers.add(Map.entry(name, values.get(0)));
			}
		});
		BulkFill watching = this.fill;
		return Mono
			.fromCallable(() -> this.caching.store(pending, (contentType != null) ? contentType.toString() : null,
					headers, body, watching))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((sent) -> {
				for (Map.Entry<String, String> header : sent) {
					getHeaders().set(header.getKey(), header.getValue());
				}
				getHeaders().setContentLength(body.length);
				return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(body)));
			});
	}

	private @Nullable ResponseCacheOutcome refusal() {
		HttpStatusCode status = getStatusCode();
		MediaType contentType = getHeaders().getContentType();
		if (contentType != null && STREAMING.stream().anyMatch(contentType::isCompatibleWith)) {
			return ResponseCacheOutcome.BYPASS_STREAMING;
		}
		return ResponseCaching.refusal((status == null || status.value() == 200) && !isCommitted(),
				!getCookies().isEmpty() || getHeaders().containsHeader(HttpHeaders.SET_COOKIE));
	}

}
