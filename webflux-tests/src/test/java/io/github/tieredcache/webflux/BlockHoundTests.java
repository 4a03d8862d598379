package io.github.tieredcache.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound is installed for every test of this module and catches a blocking call on
 * the threads the other tests rely on it to watch: Reactor's parallel scheduler and the
 * event loops of the Netty server WebFlux runs on.
 */
class BlockHoundTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aBlockingCallOnAParallelThreadFailsAndIsRecorded() {
		BlockingCalls.drain();
		CompletableFuture<Long> blocked = Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> sleep()).toFuture();
		assertThat(blocked).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(BlockingOperationError.class);
		assertThat(BlockingCalls.drain()).singleElement()
			.satisfies((call) -> assertThat(call.thread()).startsWith("parallel-"));
	}

	@Test
	void aBlockingCallOnANettyEventLoopFailsAndIsRecorded() {
		BlockingCalls.drain();
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			sleep();
			return response.sendString(Mono.just("slept"));
		}).bindNow();
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
				.timeout(WAIT)
				.build();
			// Netty closes the connection the failed handler was serving
			CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient()
				.sendAsync(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response).failsWithin(WAIT);
		}
		finally {
			server.disposeNow();
		}
		// The client may retry the GET once
		assertThat(BlockingCalls.drain()).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.thread()).startsWith("reactor-http-"));
	}

	private static void sleep() {
		LockSupport.parkNanos(1_000_000);
	}

}
