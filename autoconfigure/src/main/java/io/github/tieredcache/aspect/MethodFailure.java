package io.github.tieredcache.aspect;

import java.util.concurrent.CompletionException;

/**
 * Carries a {@code @Cached} method's own exception through the cache's loader machinery,
 * so that the caller gets exactly the exception the method threw.
 */
final class MethodFailure extends RuntimeException {

	MethodFailure(Throwable cause) {
		super(null, cause, false, false);
	}

	/**
	 * Returns the method's own exception if the failure carries one, otherwise the
	 * failure itself.
	 * @param failure what the cache threw
	 * @return the exception to hand to the caller
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof MethodFailure methodFailure) {
				return methodFailure.getCause();
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
