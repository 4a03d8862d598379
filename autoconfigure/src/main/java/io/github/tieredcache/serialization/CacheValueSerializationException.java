package io.github.tieredcache.serialization;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a cache value cannot be turned into bytes, or bytes read from the cache
 * cannot be turned back into a value.
 * <p>
 * The message names the type involved and the reason, and where there is one, the fix. It
 * never contains the value itself, nor the stored bytes: cached values often hold
 * personal data, and this exception is meant to be logged. For the same reason the cause,
 * when present, is never an exception whose message quotes stored content.
 * <p>
 * Callers treat a failure on write as "keep the value out of Redis" and a failure on read
 * as a cache miss.
 */
public class CacheValueSerializationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message that names the type and the reason.
	 * @param message the message, which must not contain the value's content
	 */
	public CacheValueSerializationException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message that names the type and the reason.
	 * @param message the message, which must not contain the value's content
	 * @param cause the cause, or {@code null}; its message must not quote the value or
	 * the stored bytes either
	 */
	public CacheValueSerializationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
