package io.github.tieredcache.cache;

/**
 * Thrown when a cache key cannot be stored in the shared tier at all, for example because
 * its type has no stable string form. Unlike Redis failures, which the cache absorbs,
 * this is a programming error: it reaches the caller, and its message says how to fix it.
 */
public class InvalidCacheKeyException extends IllegalArgumentException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the key and how to fix it
	 * @param cause the encoder's failure, if any
	 */
	public InvalidCacheKeyException(String message, Throwable cause) {
		super(message, cause);
	}

}
