package io.github.tieredcache.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs a warning at most once per interval and reports how many were suppressed in
 * between, so a Redis outage under load produces a few lines rather than one per request.
 *
 * <p>
 * Thread-safe. When two threads race at the end of an interval, exactly one of them logs.
 */
public final class ThrottledLogger {

	private final Log logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong nextAllowedNanos;

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Creates a logger that writes at most one warning per interval.
	 * @param logger the target
	 * @param interval the minimum time between two warnings
	 */
	public ThrottledLogger(Log logger, Duration interval) {
		this(logger, interval, System::nanoTime);
	}

	ThrottledLogger(Log logger, Duration interval, LongSupplier nanoTime) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
		this.nextAllowedNanos = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Logs a failed Redis call: as a {@link #warn warning} unless a circuit breaker has
	 * declared a {@link RedisOutages Redis outage} and logged it, at debug level while it
	 * lasts.
	 * @param message the message
	 * @param cause the failure
	 */
	public void warnRedisFailure(String message, @Nullable Throwable cause) {
		if (!RedisOutages.declared()) {
			warn(message, cause);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message + " (Redis outage logged already)" + ((cause != null) ? ": " + cause : ""));
		}
	}

	/**
	 * Logs the warning unless one was logged less than an interval ago.
	 * @param message the message
	 * @param cause the failure, logged with its stack trace only at debug level
	 */
	public void warn(String message, @Nullable Throwable cause) {
		long now = this.nanoTime.getAsLong();
		long next = this.nextAllowedNanos.get();
		if (now - next < 0 || !this.nextAllowedNanos.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		String suffix = (skipped > 0) ? " (" + skipped + " similar warnings suppressed)" : "";
		String reason = (cause != null) ? ": " + cause : "";
		if (this.logger.isDebugEnabled() && cause != null) {
			this.logger.warn(message + reason + suffix, cause);
		}
		else {
			this.logger.warn(message + reason + suffix);
		}
	}

}
