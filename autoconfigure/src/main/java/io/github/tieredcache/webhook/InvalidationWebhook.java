package io.github.tieredcache.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import io.github.tieredcache.invalidation.CacheInvalidator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * The signed invalidation webhook, apart from HTTP: checks a call's signature, timestamp
 * and freshness, reads its body and runs the invalidation it asks for through the
 * {@link CacheInvalidator}, in that order, so that nothing in an unsigned body is even
 * parsed. Counts every outcome. Thread-safe.
 *
 * <p>
 * Public so that the auto-configuration can create it; not an extension point.
 */
public final class InvalidationWebhook {

	/**
	 * The default timestamp tolerance: how far a call's timestamp may be from this
	 * instance's clock.
	 */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	/**
	 * The default largest body accepted, in bytes.
	 */
	public static final long DEFAULT_MAX_BODY_SIZE = 64 * 1024;

	/**
	 * The default path, under the application's context path.
	 */
	public static final String DEFAULT_PATH = "/cache/invalidations";

	/**
	 * The request header holding the timestamp, in seconds since the epoch.
	 */
	public static final String TIMESTAMP_HEADER = "X-Cache-Timestamp";

	/**
	 * The request header holding
	 * {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}.
	 */
	public static final String SIGNATURE_HEADER = "X-Cache-Signature";

	private static final Log logger = LogFactory.getLog(InvalidationWebhook.class);

	private final WebhookSignatures signatures;

	private final Duration tolerance;

	private final long maxBodySize;

	private final ReplayMemory replays;

	private final CacheInvalidator invalidator;

	private final Predicate<String> cacheExists;

	private final Clock clock;

	private final Map<WebhookOutcome, LongAdder> outcomes = new EnumMap<>(WebhookOutcome.class);

	private final Map<ReplayStore, LongAdder> stores = new EnumMap<>(ReplayStore.class);

	private InvalidationWebhook(Builder builder) {
		this.signatures = new WebhookSignatures(builder.secret);
		this.tolerance = builder.tolerance;
		this.maxBodySize = builder.maxBodySize;
		this.replays = new ReplayMemory(builder.redis, builder.keyPrefix, builder.tolerance.multipliedBy(2));
		this.invalidator = builder.invalidator;
		this.cacheExists = builder.cacheExists;
		this.clock = builder.clock;
		for (WebhookOutcome outcome : WebhookOutcome.values()) {
			this.outcomes.put(outcome, new LongAdder());
		}
		for (ReplayStore store : ReplayStore.values()) {
			this.stores.put(store, new LongAdder());
		}
	}

	/**
	 * Starts a webhook.
	 * @param invalidator runs the invalidations
	 * @param secret the shared secret, at least 32 bytes
	 * @return a builder
	 */
	public static Builder builder(CacheInvalidator invalidator, byte[] secret) {
		return new Builder(invalidator, secret);
	}

	/**
	 * Handles one call.
	 * @param timestamp the {@value #TIMESTAMP_HEADER} header, or {@code null}
	 * @param signature the {@value #SIGNATURE_HEADER} header, or {@code null}
	 * @param body the raw body, at most {@link #maxBodySize()} bytes (the caller stops
	 * reading there and reports {@link WebhookOutcome#TOO_LARGE} with {@link #refuse})
	 * @return the outcome and a detail for the caller, which never repeats the signature
	 */
	public Result handle(@Nullable String timestamp, @Nullable String signature, byte[] body) {
		if (body.length > this.maxBodySize) {
			return refuse(WebhookOutcome.TOO_LARGE);
		}
		if (timestamp == null || signature == null || !signature.strip().startsWith(WebhookSignatures.PREFIX)) {
			return refuse(WebhookOutcome.UNSIGNED,
					"Send the headers " + TIMESTAMP_HEADER + " (seconds since the " + "epoch) and " + SIGNATURE_HEADER
							+ " (sha256= and the hex HMAC-SHA256 of \"<timestamp>.<body>\")");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return refuse(WebhookOutcome.UNSIGNED, TIMESTAMP_HEADER + " must be the time in seconds since the epoch");
		}
		if (!this.signatures.matches(timestamp, body, signature)) {
			return refuse(WebhookOutcome.BAD_SIGNATURE,
					"The signature does not match; sign \"<timestamp>.<body>\" with the shared secret");
		}
		long skew = Math.abs(this.clock.millis() / 1000 - seconds);
		if (skew > this.tolerance.toSeconds()) {
			return refuse(WebhookOutcome.STALE, "The timestamp is " + skew + "s away from this server's clock; at "
					+ "most " + this.tolerance.toSeconds() + "s are accepted. Sign each call when sending it");
		}
		WebhookBody request;
		try {
			request = WebhookBody.parse(body);
		}
		catch (IllegalArgumentException ex) {
			return refuse(WebhookOutcome.MALFORMED, ex.getMessage());
		}
		if (request.cacheName() != null && !this.cacheExists.test(request.cacheName())) {
			return refuse(WebhookOutcome.UNKNOWN_CACHE, "There is no cache '" + request.cacheName() + "'");
		}
		ReplayStore store = this.replays.firstUse(signature.strip().toLowerCase(Locale.ROOT));
		if (store == null) {
			return refuse(WebhookOutcome.REPLAYED, "This signature was accepted before; sign each call afresh");
		}
		this.stores.get(store).increment();
		request.invalidation().accept(this.invalidator);
		this.outcomes.get(WebhookOutcome.ACCEPTED).increment();
		return new Result(WebhookOutcome.ACCEPTED, "Accepted");
	}

	/**
	 * Refuses a call for a reason found outside {@link #handle}, counting it.
	 * @param outcome the reason
	 * @return the outcome with its standard detail
	 */
	public Result refuse(WebhookOutcome outcome) {
		Assert.isTrue(outcome != WebhookOutcome.ACCEPTED, "A call is accepted by handle(...) only");
		return refuse(outcome, (outcome == WebhookOutcome.TOO_LARGE)
				? "The body is larger than " + this.maxBodySize + " bytes" : outcome.reason());
	}

	private Result refuse(WebhookOutcome outcome, String detail) {
		this.outcomes.get(outcome).increment();
		if (logger.isDebugEnabled()) {
			logger.debug("Webhook call refused (" + outcome.reason() + "): " + detail);
		}
		return new Result(outcome, detail);
	}

	/**
	 * Returns whether accepted signatures are remembered in Redis, so that a call is
	 * accepted once across all instances rather than once per instance.
	 * @return whether the webhook has Redis
	 */
	public boolean isShared() {
		return this.replays.isShared();
	}

	/**
	 * Returns the largest body accepted.
	 * @return the size in bytes
	 */
	public long maxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Returns how many calls had an outcome.
	 * @param outcome the outcome
	 * @return the count since start-up
	 */
	public long count(WebhookOutcome outcome) {
		return this.outcomes.get(outcome).sum();
	}

	/**
	 * Returns how many accepted calls had their signature remembered in a store.
	 * @param store the store
	 * @return the count since start-up
	 */
	public long count(ReplayStore store) {
		return this.stores.get(store).sum();
	}

	/**
	 * The outcome of a call and a short explanation for the caller.
	 *
	 * @param outcome the outcome
	 * @param detail what happened, and for a refusal what to change; never the signature
	 * or the secret
	 */
	public record Result(WebhookOutcome outcome, String detail) {

	}

	/**
	 * Builds an {@link InvalidationWebhook}. Not thread-safe.
	 */
	public static final class Builder {

		private final CacheInvalidator invalidator;

		private final byte[] secret;

		private Duration tolerance = DEFAULT_TOLERANCE;

		private long maxBodySize = DEFAULT_MAX_BODY_SIZE;

		private @Nullable BoundedRedisCommands redis;

		private String keyPrefix = "";

		private Predicate<String> cacheExists = (name) -> true;

		private Clock clock = Clock.systemUTC();

		private Builder(CacheInvalidator invalidator, byte[] secret) {
			this.invalidator = invalidator;
			this.secret = secret.clone();
		}

		/**
		 * Sets how far a call's timestamp may be from this instance's clock, either way.
		 * @param tolerance at least one second
		 * @return this builder
		 */
		public Builder tolerance(Duration tolerance) {
			Assert.isTrue(tolerance.toSeconds() >= 1, () -> "the tolerance must be at least 1s but was " + tolerance);
			this.tolerance = tolerance;
			return this;
		}

		/**
		 * Sets the largest body accepted.
		 * @param maxBodySize in bytes, positive
		 * @return this builder
		 */
		public Builder maxBodySize(long maxBodySize) {
			Assert.isTrue(maxBodySize > 0, () -> "the largest body must be positive but was " + maxBodySize);
			this.maxBodySize = maxBodySize;
			return this;
		}

		/**
		 * Remembers accepted signatures in Redis, so a call is accepted once across all
		 * instances with the same key prefix; without it, once per instance.
		 * @param connectionFactory the application's Redis
		 * @param keyPrefix the caches' key prefix
		 * @param timeout how long to wait for Redis before deciding on this instance
		 * alone
		 * @return this builder
		 */
		public Builder redis(RedisConnectionFactory connectionFactory, String keyPrefix, Duration timeout) {
			this.redis = BoundedRedisCommands.forFactory(connectionFactory, timeout);
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Sets which cache names exist, to refuse a body naming another.
		 * @param cacheExists whether a cache exists
		 * @return this builder
		 */
		public Builder cacheExists(Predicate<String> cacheExists) {
			this.cacheExists = cacheExists;
			return this;
		}

		/**
		 * Sets the clock timestamps are compared with.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the webhook.
		 * @return the webhook
		 * @throws IllegalArgumentException if the secret is shorter than 32 bytes
		 */
		public InvalidationWebhook build() {
			return new InvalidationWebhook(this);
		}

	}

}
