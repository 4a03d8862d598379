package io.github.tieredcache.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet filter of {@code @CachedResponse} in Spring MVC applications: hands every
 * {@code GET} and {@code HEAD} request a {@link ResponseCapture}, which passes everything
 * through unless a {@code @CachedResponse} method asks for more, and once the handler
 * returned writes the cached answer or stores the response through
 * {@link ResponseCaching}. Requests whose handler throws are left alone: nothing is
 * stored and the exception propagates unchanged.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class ResponseCachingFilter extends OncePerRequestFilter {

	private final ResponseCaching caching;

	/**
	 * Creates the filter.
	 * @param caching what decides and stores the answers
	 */
	public ResponseCachingFilter(ResponseCaching caching) {
		this.caching = caching;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !"GET".equals(method) && !"HEAD".equals(method);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ResponseCapture capture = new ResponseCapture(response, this.caching.maxBodySize());
		request.setAttribute(ResponseCapture.ATTRIBUTE, capture);
		try {
			try {
				chain.doFilter(request, capture);
			}
			finally {
				request.removeAttribute(ResponseCapture.ATTRIBUTE);
			}
			if (request.isAsyncStarted()) {
				if (capture.mode() == ResponseCapture.Mode.CAPTURE) {
					capture.release();
				}
				return;
			}
			switch (capture.mode()) {
				case SERVE -> serve(request, response, capture.served());
				case CAPTURE -> store(request, response, capture);
				default -> {
				}
			}
		}
		finally {
			capture.endFill();
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, @Nullable StoredResponse entry)
			throws IOException {
		Assert.state(entry != null, "No entry to serve");
		response.resetBuffer();
		ResponseCaching.Answer answer = this.caching.answer(entry, request.getHeader("If-None-Match"));
		response.setStatus(answer.notModified() ? HttpServletResponse.SC_NOT_MODIFIED : HttpServletResponse.SC_OK);
		for (Map.Entry<String, String> header : answer.headers()) {
			response.setHeader(header.getKey(), header.getValue());
		}
		if (answer.notModified()) {
			return;
		}
		if (entry.contentType() != null) {
			response.setContentType(entry.contentType());
		}
		response.setContentLength(entry.body().length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(entry.body());
		}
	}

	private void store(HttpServletRequest request, HttpServletResponse response, ResponseCapture capture)
			throws IOException {
		ResponseCapture.Miss miss = capture.miss();
		Assert.state(miss != null, "No miss to store");
		ResponseCacheOutcome refused = ResponseCaching.refusal(response.getStatus() == HttpServletResponse.SC_OK
				&& !response.isCommitted() && !request.isAsyncStarted(), response.containsHeader("Set-Cookie"));
		if (refused != null) {
			this.caching.refuse(capture, refused);
			capture.release();
			return;
		}
		byte[] body = capture.body();
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (String name : response.getHeaderNames()) {
			String value = response.getHeader(name);
			if (value != null) {
				headers.add(Map.entry(name, value));
			}
		}
		for (Map.Entry<String, String> header : this.caching.store(miss, response.getContentType(), headers, body,
				capture.fill())) {
			response.setHeader(header.getKey(), header.getValue());
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
