package io.github.tieredcache.webhook;

/**
 * What the invalidation webhook made of a call: accepted, or refused and why. The
 * {@link #reason()} is the {@code reason} tag of the webhook meter.
 */
public enum WebhookOutcome {

	/**
	 * Signed, fresh, seen for the first time and understood: the invalidation ran.
	 */
	ACCEPTED(202, "accepted"),

	/**
	 * Signed, but the body is not a webhook body (not JSON, an unknown field, a missing
	 * name); nothing was invalidated.
	 */
	MALFORMED(400, "malformed"),

	/**
	 * Signed, but the body names a cache that does not exist.
	 */
	UNKNOWN_CACHE(400, "unknown_cache"),

	/**
	 * The timestamp or signature header is missing or not in its format.
	 */
	UNSIGNED(401, "unsigned"),

	/**
	 * The signature does not match the timestamp and body.
	 */
	BAD_SIGNATURE(401, "bad_signature"),

	/**
	 * The timestamp is further from this instance's clock than the tolerance.
	 */
	STALE(401, "stale"),

	/**
	 * The signature was accepted before (on this or, with Redis, another instance).
	 */
	REPLAYED(409, "replayed"),

	/**
	 * The body is larger than the webhook accepts.
	 */
	TOO_LARGE(413, "too_large");

	private final int status;

	private final String reason;

	WebhookOutcome(int status, String reason) {
		this.status = status;
		this.reason = reason;
	}

	/**
	 * Returns the HTTP status answered.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the outcome's name as a meter tag.
	 * @return a lower-case name such as {@code bad_signature}
	 */
	public String reason() {
		return this.reason;
	}

}
