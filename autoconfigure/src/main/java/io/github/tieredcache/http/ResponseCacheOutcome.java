package io.github.tieredcache.http;

/**
 * How a request to a {@code @CachedResponse} method was answered: from the cache, by the
 * method with the response stored, or by the method with nothing stored and why. The
 * {@code result} and {@code reason} tags of the {@code tiered.cache.http.responses}
 * meter.
 */
public enum ResponseCacheOutcome {

	/** Answered from the cache, with the body. */
	HIT("hit", "none"),

	/** Answered {@code 304 Not Modified} from the cache: the client has this ETag. */
	NOT_MODIFIED("not_modified", "none"),

	/** The method ran and its response was stored. */
	MISS("miss", "none"),

	/** A {@code HEAD} request found no entry; the method ran and nothing was stored. */
	HEAD_MISS("miss", "head"),

	/** Skipped: the request has {@code Authorization} or a session cookie. */
	BYPASS_AUTHENTICATED("bypass", "authenticated"),

	/** Skipped: a method other than {@code GET} or {@code HEAD}. */
	BYPASS_METHOD("bypass", "method"),

	/** Skipped: the method's result is streamed or asynchronous. */
	BYPASS_STREAMING("bypass", "streaming"),

	/** Not stored: the status was not {@code 200}. */
	BYPASS_STATUS("bypass", "status"),

	/** Not stored: the response sets a cookie. */
	BYPASS_SET_COOKIE("bypass", "set_cookie"),

	/** Not stored: the body is over {@code tiered-cache.http.max-body-size}. */
	BYPASS_TOO_LARGE("bypass", "too_large");

	private final String result;

	private final String reason;

	ResponseCacheOutcome(String result, String reason) {
		this.result = result;
		this.reason = reason;
	}

	/**
	 * Returns the {@code result} tag.
	 * @return {@code hit}, {@code not_modified}, {@code miss} or {@code bypass}
	 */
	public String result() {
		return this.result;
	}

	/**
	 * Returns the {@code reason} tag.
	 * @return {@code none} or why nothing was stored
	 */
	public String reason() {
		return this.reason;
	}

}
