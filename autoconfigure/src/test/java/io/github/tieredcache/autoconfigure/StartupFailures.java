package io.github.tieredcache.autoconfigure;

/**
 * Finds the exception that stopped an application context in the chain of causes of its
 * start-up failure.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("Expected a " + type.getName() + " among the causes of " + failure, failure);
	}

}
