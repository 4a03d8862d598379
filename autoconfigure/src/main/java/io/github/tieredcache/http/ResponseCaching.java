package io.github.tieredcache.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.invalidation.TagIndex;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.util.Assert;

/**
 * What HTTP response caching does around a {@code @CachedResponse} method and after its
 * response was written: looks the entry up, decides to answer from it, to skip the cache
 * or to store the response, and writes cached answers with {@code ETag}, {@code Age},
 * {@code Cache-Control} and the status header. Settings from {@code tiered-cache.http.*};
 * counts every outcome. Thread-safe.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class ResponseCaching {

	/** The default largest body stored, in bytes. */
	public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

	/** The default name of the header saying HIT, MISS or BYPASS. */
	public static final String DEFAULT_STATUS_HEADER = "X-Cache";

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(ResponseCaching.class),
			Duration.ofSeconds(10));

	/**
	 * Headers never stored: about the connection or the message framing, per client, or
	 * set again from the entry.
	 */
	private static final Set<String> UNSAFE_HEADERS = Set.of("set-cookie", "date", "content-length",
			"transfer-encoding", "connection", "keep-alive", "etag", "age", "cache-control", "expires", "pragma",
			"vary", "www-authenticate", "content-type", "server", "upgrade", "trailer");

	/**
	 * Stored among the headers, under a name no response has, so that a hit repeats the
	 * configured {@code Cache-Control}.
	 */
	private static final String CACHE_CONTROL_MARK = "~cache-control";

	private static final Set<String> SESSION_COOKIES = Set.of("JSESSIONID", "SESSION");

	private final Supplier<CacheManager> cacheManager;

	private final Supplier<TagIndex> tags;

	private final boolean skipAuthenticated;

	private final long maxBodySize;

	private final String statusHeader;

	private final boolean honorClientNoCache;

	private final Clock clock;

	private final Map<ResponseCacheOutcome, LongAdder> outcomes = new EnumMap<>(ResponseCacheOutcome.class);

	private final LongAdder refreshes = new LongAdder();

	private final LongAdder staleResponses = new LongAdder();

	private ResponseCaching(Builder builder) {
		this.cacheManager = builder.cacheManager;
		this.tags = builder.tags;
		this.skipAuthenticated = builder.skipAuthenticated;
		this.maxBodySize = builder.maxBodySize;
		this.statusHeader = builder.statusHeader;
		this.honorClientNoCache = builder.honorClientNoCache;
		this.clock = builder.clock;
		for (ResponseCacheOutcome outcome : ResponseCacheOutcome.values()) {
			this.outcomes.put(outcome, new LongAdder());
		}
	}

	/**
	 * Starts the settings of response caching.
	 * @param cacheManager resolves the cache manager on first use
	 * @param tags resolves the tag index on first use
	 * @return a builder
	 */
	public static Builder builder(Supplier<CacheManager> cacheManager, Supplier<TagIndex> tags) {
		return new Builder(cacheManager, tags);
	}

	/**
	 * Returns how many requests had an outcome.
	 * @param outcome the outcome
	 * @return the count since start-up
	 */
	public long count(ResponseCacheOutcome outcome) {
		return this.outcomes.get(outcome).sum();
	}

	/**
	 * Returns how many requests with {@code Cache-Control: no-cache} replaced an entry
	 * (only with {@code tiered-cache.http.honor-client-no-cache}).
	 * @return the count since start-up
	 */
	public long refreshes() {
		return this.refreshes.sum();
	}

	/**
	 * Returns how many responses were not stored because their key was written or
	 * invalidated while the handler ran (they were answered all the same).
	 * @return the count since start-up
	 */
	public long staleResponsesPrevented() {
		return this.staleResponses.sum();
	}

	/**
	 * Returns the servlet filter that buffers the responses of {@code @CachedResponse}
	 * methods and writes cached answers; register it late in the filter chain, after
	 * security.
	 * @return a new filter
	 */
	public jakarta.servlet.Filter filter() {
		return new ResponseCachingFilter(this);
	}

	long maxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Decides, before the method runs, how the request is answered; returns whether the
	 * method must run.
	 */
	boolean before(CachedResponseOperation operation, HttpServletRequest request, ResponseCapture capture,
			Supplier<Object> key) {
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			return bypass(capture, ResponseCacheOutcome.BYPASS_METHOD);
		}
		if (operation.streaming()) {
			return bypass(capture, ResponseCacheOutcome.BYPASS_STREAMING);
		}
		if (this.skipAuthenticated && isAuthenticated(request)) {
			return bypass(capture, ResponseCacheOutcome.BYPASS_AUTHENTICATED);
		}
		Cache cache = cache(operation);
		Object cacheKey = key.get();
		if (cacheKey == null) {
			throw new IllegalArgumentException(InvalidCacheAnnotationException.describe(operation.method())
					+ ": @CachedResponse(key) gave null for these arguments; make the key expression handle them");
		}
		String variant = variant(operation, request);
		StoredResponse hit = StoredResponse.decode(read(cache, cacheKey)).get(variant);
		long now = this.clock.millis();
		boolean refresh = this.honorClientNoCache && hasNoCache(request);
		if (hit != null && !hit.expired(now)) {
			if (!refresh) {
				capture.serve(hit);
				return false;
			}
			this.refreshes.increment();
		}
		if (head) {
			record(ResponseCacheOutcome.HEAD_MISS);
			capture.setHeader(this.statusHeader, "MISS");
			capture.bypass();
			return true;
		}
		long ttl = ((operation.ttl() != null) ? operation.ttl() : defaultTtl(cache)).toMillis();
		if (cache instanceof TieredCache tiered) {
			// Watch the key from before the handler reads its data: a write or
			// invalidation
			// seen meanwhile keeps the response out of the cache
			capture.watch(tiered.bulkFill(Duration.ZERO));
		}
		capture.capture(new ResponseCapture.Miss(operation.cacheName(), cacheKey, variant, ttl, operation.vary(),
				operation.cacheControl(), List.of()), () -> {
					record(ResponseCacheOutcome.BYPASS_TOO_LARGE);
					capture.setHeader(this.statusHeader, "BYPASS");
				});
		return true;
	}

	/**
	 * Finishes a request once the handler chain returned: writes the cached answer, or
	 * stores the captured response and writes it, or writes it through.
	 */
	void after(HttpServletRequest request, HttpServletResponse response, ResponseCapture capture) throws IOException {
		switch (capture.mode()) {
			case SERVE -> serve(request, response, capture.served());
			case CAPTURE -> store(request, response, capture);
			default -> {
			}
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, @Nullable StoredResponse entry)
			throws IOException {
		Assert.state(entry != null, "No entry to serve");
		response.resetBuffer();
		long now = this.clock.millis();
		boolean notModified = matches(request.getHeader("If-None-Match"), entry.etag());
		response.setStatus(notModified ? HttpServletResponse.SC_NOT_MODIFIED : HttpServletResponse.SC_OK);
		for (Map.Entry<String, String> header : entry.headers()) {
			if (!header.getKey().equals(CACHE_CONTROL_MARK)) {
				response.setHeader(header.getKey(), header.getValue());
			}
		}
		response.setHeader("ETag", entry.etag());
		response.setHeader("Age", Long.toString(entry.ageSeconds(now)));
		response.setHeader(this.statusHeader, "HIT");
		record(notModified ? ResponseCacheOutcome.NOT_MODIFIED : ResponseCacheOutcome.HIT);
		if (notModified) {
			setCacheControl(response, entry, now, null);
			return;
		}
		if (entry.contentType() != null) {
			response.setContentType(entry.contentType());
		}
		setCacheControl(response, entry, now, null);
		response.setContentLength(entry.body().length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(entry.body());
		}
	}

	private void store(HttpServletRequest request, HttpServletResponse response, ResponseCapture capture)
			throws IOException {
		ResponseCapture.Miss miss = capture.miss();
		Assert.state(miss != null, "No miss to store");
		ResponseCacheOutcome refused = refusal(request, response);
		if (refused != null) {
			record(refused);
			response.setHeader(this.statusHeader, "BYPASS");
			capture.release();
			return;
		}
		byte[] body = capture.body();
		long now = this.clock.millis();
		List<Map.Entry<String, String>> headers = safeHeaders(response);
		if (!miss.cacheControl().isEmpty()) {
			headers.add(Map.entry(CACHE_CONTROL_MARK, miss.cacheControl()));
		}
		if (!miss.vary().isEmpty()) {
			headers.add(Map.entry("Vary", String.join(", ", miss.vary())));
		}
		StoredResponse entry = StoredResponse.of(response.getContentType(), headers, body, now, miss.ttlMillis());
		write(miss, entry, capture.fill());
		response.setHeader("ETag", entry.etag());
		response.setHeader("Age", "0");
		response.setHeader(this.statusHeader, "MISS");
		setCacheControl(response, entry, now, miss);
		if (!miss.vary().isEmpty()) {
			response.setHeader("Vary", String.join(", ", miss.vary()));
		}
		record(ResponseCacheOutcome.MISS);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private @Nullable ResponseCacheOutcome refusal(HttpServletRequest request, HttpServletResponse response) {
		if (response.getStatus() != HttpServletResponse.SC_OK || response.isCommitted() || request.isAsyncStarted()) {
			return ResponseCacheOutcome.BYPASS_STATUS;
		}
		if (response.containsHeader("Set-Cookie")) {
			return ResponseCacheOutcome.BYPASS_SET_COOKIE;
		}
		return null;
	}

	/**
	 * Stores a response as a fill, not a write: through the bulk fill that watched its
	 * key while the handler ran (so a stale response is dropped), and without telling
	 * other instances to drop their copies, which nothing invalidated.
	 */
	private void write(ResponseCapture.Miss miss, StoredResponse entry, @Nullable BulkFill fill) {
		Cache cache = this.cacheManager.get().getCache(miss.cacheName());
		if (cache == null) {
			return;
		}
		try {
			Map<String, StoredResponse> variants = StoredResponse.decode(read(cache, miss.key()));
			long now = entry.storedAt();
			variants.values().removeIf((stored) -> stored.expired(now));
			variants.put(miss.variant(), entry);
			byte[] value = StoredResponse.encode(variants);
			Duration ttl = Duration.ofMillis(miss.ttlMillis());
			if (cache instanceof TieredCache tiered) {
				if (fill != null) {
					if (fill.write(Map.of(miss.key(), value), ttl).written() == 0) {
						this.staleResponses.increment();
						return;
					}
				}
				else {
					tiered.put(miss.key(), value, ttl);
				}
				if (!miss.tags().isEmpty()) {
					this.tags.get().tag(tiered.getName(), tiered.encodeKey(miss.key()), miss.tags(), ttl);
				}
			}
			else {
				cache.put(miss.key(), value);
			}
		}
		catch (RuntimeException ex) {
			failures.warn("Could not store the response of key " + miss.key() + " in cache '" + miss.cacheName()
					+ "'; it was answered all the same", ex);
		}
	}

	private static @Nullable Object read(Cache cache, Object key) {
		try {
			Cache.ValueWrapper stored = cache.get(key);
			return (stored != null) ? stored.get() : null;
		}
		catch (RuntimeException ex) {
			failures.warn("Could not read key " + key + " of cache '" + cache.getName() + "'; running the handler", ex);
			return null;
		}
	}

	private void setCacheControl(HttpServletResponse response, StoredResponse entry, long now,
			ResponseCapture.@Nullable Miss miss) {
		String configured = (miss != null) ? miss.cacheControl()
				: entry.headers()
					.stream()
					.filter((header) -> header.getKey().equals(CACHE_CONTROL_MARK))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElse("");
		response.setHeader("Cache-Control", configured.isEmpty() ? "max-age=" + entry.secondsLeft(now) : configured);
	}

	private List<Map.Entry<String, String>> safeHeaders(HttpServletResponse response) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (String name : response.getHeaderNames()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (UNSAFE_HEADERS.contains(lower) || lower.equals(this.statusHeader.toLowerCase(Locale.ROOT))) {
				continue;
			}
			String value = response.getHeader(name);
			if (value != null) {
				headers.add(Map.entry(name, value));
			}
		}
		return headers;
	}

	private boolean bypass(ResponseCapture capture, ResponseCacheOutcome outcome) {
		record(outcome);
		capture.setHeader(this.statusHeader, "BYPASS");
		capture.bypass();
		return true;
	}

	private void record(ResponseCacheOutcome outcome) {
		this.outcomes.get(outcome).increment();
	}

	private Cache cache(CachedResponseOperation operation) {
		Cache cache = this.cacheManager.get().getCache(operation.cacheName());
		if (cache == null) {
			throw new IllegalStateException(InvalidCacheAnnotationException.describe(operation.method())
					+ " uses cache '" + operation.cacheName() + "', which does not exist; configure it under "
					+ "tiered-cache.caches." + operation.cacheName() + " or set tiered-cache.create-on-demand=true");
		}
		return cache;
	}

	private static Duration defaultTtl(Cache cache) {
		return (cache instanceof TieredCache tiered) ? tiered.spec().ttl() : Duration.ofMinutes(10);
	}

	private static String variant(CachedResponseOperation operation, HttpServletRequest request) {
		if (operation.vary().isEmpty()) {
			return operation.variant();
		}
		StringBuilder variant = new StringBuilder(operation.variant());
		for (String header : operation.vary()) {
			variant.append('\n').append(header.toLowerCase(Locale.ROOT)).append('=');
			Enumeration<String> values = request.getHeaders(header);
			List<String> all = new ArrayList<>();
			while (values != null && values.hasMoreElements()) {
				all.add(values.nextElement());
			}
			variant.append(String.join(",", all));
		}
		return variant.toString();
	}

	private static boolean isAuthenticated(HttpServletRequest request) {
		if (request.getHeader("Authorization") != null || request.getRequestedSessionId() != null) {
			return true;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (SESSION_COOKIES.contains(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean hasNoCache(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders("Cache-Control");
		while (values != null && values.hasMoreElements()) {
			for (String directive : values.nextElement().split(",")) {
				if (directive.strip().equalsIgnoreCase("no-cache")) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean matches(@Nullable String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Builds {@link ResponseCaching}. Not thread-safe.
	 */
	public static final class Builder {

		private final Supplier<CacheManager> cacheManager;

		private final Supplier<TagIndex> tags;

		private boolean skipAuthenticated = true;

		private long maxBodySize = DEFAULT_MAX_BODY_SIZE;

		private String statusHeader = DEFAULT_STATUS_HEADER;

		private boolean honorClientNoCache;

		private Clock clock = Clock.systemUTC();

		private Builder(Supplier<CacheManager> cacheManager, Supplier<TagIndex> tags) {
			this.cacheManager = cacheManager;
			this.tags = tags;
		}

		/**
		 * Sets whether requests with {@code Authorization} or a session cookie skip the
		 * cache.
		 * @param skipAuthenticated whether to skip them
		 * @return this builder
		 */
		public Builder skipAuthenticated(boolean skipAuthenticated) {
			this.skipAuthenticated = skipAuthenticated;
			return this;
		}

		/**
		 * Sets the largest body stored.
		 * @param maxBodySize in bytes, positive
		 * @return this builder
		 */
		public Builder maxBodySize(long maxBodySize) {
			Assert.isTrue(maxBodySize > 0, () -> "the largest body must be positive but was " + maxBodySize);
			this.maxBodySize = maxBodySize;
			return this;
		}

		/**
		 * Sets the header saying HIT, MISS or BYPASS.
		 * @param statusHeader a header name
		 * @return this builder
		 */
		public Builder statusHeader(String statusHeader) {
			Assert.isTrue(statusHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"),
					() -> "'" + statusHeader + "' is not a header name");
			this.statusHeader = statusHeader;
			return this;
		}

		/**
		 * Sets whether a request with {@code Cache-Control: no-cache} runs the method and
		 * replaces the entry.
		 * @param honorClientNoCache whether to honor it
		 * @return this builder
		 */
		public Builder honorClientNoCache(boolean honorClientNoCache) {
			this.honorClientNoCache = honorClientNoCache;
			return this;
		}

		/**
		 * Sets the clock ages and times left are computed with.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return response caching
		 */
		public ResponseCaching build() {
			return new ResponseCaching(this);
		}

	}

}
