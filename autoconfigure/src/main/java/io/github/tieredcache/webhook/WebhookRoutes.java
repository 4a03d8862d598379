package io.github.tieredcache.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Maps {@code POST <path>} of a Spring MVC application to an {@link InvalidationWebhook}:
 * reads at most the largest accepted body (refusing a larger one from its
 * {@code Content-Length} without reading it), and answers {@code 202 Accepted} or an RFC
 * 9457 problem detail ({@code application/problem+json}) with the refusal's reason.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class WebhookRoutes {

	private WebhookRoutes() {
	}

	/**
	 * Returns the route of a webhook.
	 * @param path the path, e.g. {@code /cache/invalidations}
	 * @param webhook the webhook
	 * @return a router function for Spring MVC
	 */
	public static RouterFunction<ServerResponse> of(String path, InvalidationWebhook webhook) {
		return RouterFunctions.route().POST(path, (request) -> handle(request, webhook)).build();
	}

	private static ServerResponse handle(ServerRequest request, InvalidationWebhook webhook) throws IOException {
		HttpServletRequest servlet = request.servletRequest();
		long limit = webhook.maxBodySize();
		if (servlet.getContentLengthLong() > limit) {
			return answer(request, webhook.refuse(WebhookOutcome.TOO_LARGE));
		}
		byte[] body = read(servlet.getInputStream(), limit);
		if (body == null) {
			return answer(request, webhook.refuse(WebhookOutcome.TOO_LARGE));
		}
		return answer(request, webhook.handle(servlet.getHeader(InvalidationWebhook.TIMESTAMP_HEADER),
				servlet.getHeader(InvalidationWebhook.SIGNATURE_HEADER), body));
	}

	/**
	 * Reads the body, or returns {@code null} as soon as it proves longer than the limit.
	 */
	private static byte @Nullable [] read(InputStream input, long limit) throws IOException {
		byte[] body = input.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
		return (input.read() == -1) ? body : null;
	}

	private static ServerResponse answer(ServerRequest request, InvalidationWebhook.Result result) {
		if (result.outcome() == WebhookOutcome.ACCEPTED) {
			return ServerResponse.accepted().build();
		}
		HttpStatus status = HttpStatus.valueOf(result.outcome().status());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, result.detail());
		problem.setTitle(title(result.outcome()));
		problem.setInstance(URI.create(request.servletRequest().getRequestURI()));
		problem.setProperty("reason", result.outcome().reason());
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String title(WebhookOutcome outcome) {
		return switch (outcome) {
			case MALFORMED -> "Malformed invalidation request";
			case UNKNOWN_CACHE -> "Unknown cache";
			case UNSIGNED -> "Unsigned invalidation request";
			case BAD_SIGNATURE -> "Invalid signature";
			case STALE -> "Stale timestamp";
			case REPLAYED -> "Replayed invalidation request";
			case TOO_LARGE -> "Invalidation request too large";
			case ACCEPTED -> "Accepted";
		};
	}

}
