package io.github.tieredcache.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands every {@code GET} and {@code HEAD} request a {@link ResponseCapture}, which
 * passes everything through unless a {@code @CachedResponse} method asks for more, and
 * once the handler returned lets {@link ResponseCaching} write the cached answer or store
 * the response. Requests whose handler throws are left alone: nothing is stored and the
 * exception propagates unchanged.
 */
final class ResponseCachingFilter extends OncePerRequestFilter {

	private final ResponseCaching caching;

	ResponseCachingFilter(ResponseCaching caching) {
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
			this.caching.after(request, response, capture);
		}
		finally {
			capture.endFill();
		}
	}

}
