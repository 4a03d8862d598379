package io.github.tieredcache.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.BulkFill;
import io.github.tieredcache.cache.TieredCache;
import io.github.tieredcache.expression.InvalidCacheAnnotationException;
import io.github.tieredcache.invalidation.TagIndex;
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
 * counts every outcome. Knows neither the Servlet API nor WebFlux: the servlet filter
 * ({@link ResponseCachingFilter}) and the WebFlux one
 * ({@link ReactiveResponseCachingFilter}) carry its answers to their responses.
 * Thread-safe.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 *
 * <p>
 * Longer than most classes here: its length is the HTTP rules (which requests and
 * responses skip the cache, conditional requests, the headers of a cached answer), kept
 * in one class so that both filters apply exactly the same ones.
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

	long maxBodySize() {
		return this.maxBodySize;
	}

	String statusHeader() {
		return this.statusHeader;
	}

	/**
	 * Returns why a request skips the cache before its key is looked up, or {@code null}.
	 * @param method the request's method
	 * @param authenticated whether it has {@code Authorization} or a session
	 */
	@Nullable ResponseCacheOutcome skipReason(CachedResponseOperation operation, String method, boolean authenticated) {
		if (!"HEAD".equals(method) && !"GET".equals(method)) {
			return ResponseCacheOutcome.BYPASS_METHOD;
		}
		if (operation.streaming()) {
			return ResponseCacheOutcome.BYPASS_STREAMING;
		}
		if (this.skipAuthenticated && authenticated) {
			return ResponseCacheOutcome.BYPASS_AUTHENTICATED;
		}
		return null;
	}

	/**
	 * Counts a request that skips the cache and lets its response through.
	 */
	void bypass(Capture capture, ResponseCacheOutcome outcome) {
		record(outcome);
		capture.setHeader(this.statusHeader, "BYPASS");
		capture.bypass();
	}

	/**
	 * Checks the key an operation's expression gave.
	 */
	static Object requireKey(CachedResponseOperation operation, @Nullable Object key) {
		if (key == null) {
			throw new IllegalArgumentException(InvalidCacheAnnotationException.describe(operation.method())
					+ ": @CachedResponse(key) gave null for these arguments; make the key expression handle them");
		}
		return key;
	}

	/**
	 * Decides, with what the cache holds for the key, how the request is answered: from
	 * the entry, or by the method with its response stored (a miss) or passed through (a
	 * {@code HEAD} that found nothing).
	 * @param stored what the cache holds for the key, {@code null} for nothing
	 * @param head whether the request is a {@code HEAD}
	 * @param noCache whether the request has {@code Cache-Control: no-cache}
	 * @return whether the method must run
	 */
	boolean decide(CachedResponseOperation operation, Cache cache, Object cacheKey, String variant,
			@Nullable Object stored, boolean head, boolean noCache, Capture capture) {
		StoredResponse hit = StoredResponse.decode(stored).get(variant);
		long now = this.clock.millis();
		boolean refresh = this.honorClientNoCache && noCache;
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
			// invalidation seen meanwhile keeps the response out of the cache
			capture.watch(tiered.bulkFill(Duration.ZERO));
		}
		capture.capture(new Capture.Miss(operation.cacheName(), cacheKey, variant, ttl, operation.vary(),
				operation.cacheControl(), List.of()), () -> {
					record(ResponseCacheOutcome.BYPASS_TOO_LARGE);
					capture.setHeader(this.statusHeader, "BYPASS");
				});
		return true;
	}

	/**
	 * Returns how to answer a request from an entry, counting it as a hit or a
	 * {@code 304}.
	 * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
	 */
	Answer answer(StoredResponse entry, @Nullable String ifNoneMatch) {
		long now = this.clock.millis();
		boolean notModified = matches(ifNoneMatch, entry.etag());
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (Map.Entry<String, String> header : entry.headers()) {
			if (!header.getKey().equals(CACHE_CONTROL_MARK)) {
				headers.add(header);
			}
		}
		headers.add(Map.entry("ETag", entry.etag()));
		headers.add(Map.entry("Age", Long.toString(entry.ageSeconds(now))));
		headers.add(Map.entry(this.statusHeader, "HIT"));
		headers.add(Map.entry("Cache-Control", cacheControl(entry, now, null)));
		record(notModified ? ResponseCacheOutcome.NOT_MODIFIED : ResponseCacheOutcome.HIT);
		return new Answer(notModified, headers);
	}

	/**
	 * Returns why a miss's response may not be stored, or {@code null}.
	 * @param ok whether its status is {@code 200} and it can still be stored
	 * @param setsCookie whether it sets a cookie
	 */
	static @Nullable ResponseCacheOutcome refusal(boolean ok, boolean setsCookie) {
		if (!ok) {
			return ResponseCacheOutcome.BYPASS_STATUS;
		}
		if (setsCookie) {
			return ResponseCacheOutcome.BYPASS_SET_COOKIE;
		}
		return null;
	}

	/**
	 * Counts a miss whose response is not stored and marks it as skipped.
	 */
	void refuse(Capture capture, ResponseCacheOutcome outcome) {
		record(outcome);
		capture.setHeader(this.statusHeader, "BYPASS");
	}

	/**
	 * Stores a miss's response, counting it, and returns the headers to send with it.
	 * Waits for Redis.
	 * @param responseHeaders every header of the response, with its first value
	 * @param fill the fill that watched the key while the handler ran, or {@code null}
	 */
	List<Map.Entry<String, String>> store(Capture.Miss miss, @Nullable String contentType,
			List<Map.Entry<String, String>> responseHeaders, byte[] body, @Nullable BulkFill fill) {
		long now = this.clock.millis();
		List<Map.Entry<String, String>> headers = safeHeaders(responseHeaders);
		if (!miss.cacheControl().isEmpty()) {
			headers.add(Map.entry(CACHE_CONTROL_MARK, miss.cacheControl()));
		}
		if (!miss.vary().isEmpty()) {
			headers.add(Map.entry("Vary", String.join(", ", miss.vary())));
		}
		StoredResponse entry = StoredResponse.of(contentType, headers, body, now, miss.ttlMillis());
		write(miss, entry, fill);
		List<Map.Entry<String, String>> sent = new ArrayList<>();
		sent.add(Map.entry("ETag", entry.etag()));
		sent.add(Map.entry("Age", "0"));
		sent.add(Map.entry(this.statusHeader, "MISS"));
		sent.add(Map.entry("Cache-Control", cacheControl(entry, now, miss)));
		if (!miss.vary().isEmpty()) {
			sent.add(Map.entry("Vary", String.join(", ", miss.vary())));
		}
		record(ResponseCacheOutcome.MISS);
		return sent;
	}

	/**
	 * Stores a response as a fill, not a write: through the bulk fill that watched its
	 * key while the handler ran (so a stale response is dropped), and without telling
	 * other instances to drop their copies, which nothing invalidated.
	 */
	private void write(Capture.Miss miss, StoredResponse entry, @Nullable BulkFill fill) {
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

	/**
	 * Reads what the cache holds for a key; {@code null} for nothing or on failure. Waits
	 * for Redis.
	 */
	static @Nullable Object read(Cache cache, Object key) {
		try {
			Cache.ValueWrapper stored = cache.get(key);
			return (stored != null) ? stored.get() : null;
		}
		catch (RuntimeException ex) {
			failures.warn("Could not read key " + key + " of cache '" + cache.getName() + "'; running the handler", ex);
			return null;
		}
	}

	private static String cacheControl(StoredResponse entry, long now, Capture.@Nullable Miss miss) {
		String configured = (miss != null) ? miss.cacheControl()
				: entry.headers()
					.stream()
					.filter((header) -> header.getKey().equals(CACHE_CONTROL_MARK))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElse("");
		return configured.isEmpty() ? "max-age=" + entry.secondsLeft(now) : configured;
	}

	private List<Map.Entry<String, String>> safeHeaders(List<Map.Entry<String, String>> responseHeaders) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (Map.Entry<String, String> header : responseHeaders) {
			String lower = header.getKey().toLowerCase(Locale.ROOT);
			if (!UNSAFE_HEADERS.contains(lower) && !lower.equals(this.statusHeader.toLowerCase(Locale.ROOT))) {
				headers.add(header);
			}
		}
		return headers;
	}

	private void record(ResponseCacheOutcome outcome) {
		this.outcomes.get(outcome).increment();
	}

	Cache cache(CachedResponseOperation operation) {
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

	/**
	 * The variant of a key an operation's response is stored under: the method and the
	 * values of its {@code vary} headers.
	 * @param headerValues the request's values of a header, empty for none
	 */
	static String variant(CachedResponseOperation operation, Function<String, List<String>> headerValues) {
		if (operation.vary().isEmpty()) {
			return operation.variant();
		}
		StringBuilder variant = new StringBuilder(operation.variant());
		for (String header : operation.vary()) {
			variant.append('\n').append(header.toLowerCase(Locale.ROOT)).append('=');
			variant.append(String.join(",", headerValues.apply(header)));
		}
		return variant.toString();
	}

	/**
	 * Whether a request is authenticated: {@code Authorization}, a session it asks for,
	 * or a session cookie.
	 */
	static boolean isAuthenticated(boolean authorization, boolean requestedSession, Collection<String> cookieNames) {
		return authorization || requestedSession || cookieNames.stream().anyMatch(SESSION_COOKIES::contains);
	}

	/**
	 * Whether {@code Cache-Control} values say {@code no-cache}.
	 */
	static boolean hasNoCache(List<String> cacheControl) {
		for (String value : cacheControl) {
			for (String directive : value.split(",")) {
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
	 * How to answer a request from an entry: the status, and the headers to set besides
	 * the entry's content type and length.
	 *
	 * @param notModified whether to answer {@code 304 Not Modified} with no body
	 * @param headers the headers
	 */
	record Answer(boolean notModified, List<Map.Entry<String, String>> headers) {

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
