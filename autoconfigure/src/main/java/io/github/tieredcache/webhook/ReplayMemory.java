package io.github.tieredcache.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.tieredcache.cache.ThrottledLogger;
import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Remembers accepted signatures for twice the timestamp tolerance (after that their
 * timestamp is refused anyway), so each is accepted once: in Redis with {@code SET
 * {key-prefix}:~webhook:{signature} 1 NX PX}, shared by every instance, and in this
 * instance's memory, which alone decides without Redis or while it does not answer.
 * Thread-safe.
 *
 * <p>
 * The memory holds at most {@value #MAX_LOCAL_SIGNATURES} signatures; past that the
 * oldest are forgotten early, so an instance without Redis receiving more calls than that
 * within twice the tolerance could accept a replay of the oldest.
 */
final class ReplayMemory {

	static final int MAX_LOCAL_SIGNATURES = 100_000;

	private static final ThrottledLogger failures = new ThrottledLogger(LogFactory.getLog(ReplayMemory.class),
			Duration.ofSeconds(10));

	private static final byte[] SEEN = { '1' };

	private final @Nullable BoundedRedisCommands redis;

	private final String keyPrefix;

	private final Duration remember;

	private final Cache<String, Boolean> local;

	/**
	 * Creates a memory.
	 * @param redis Redis, or {@code null} to remember in memory only
	 * @param keyPrefix the caches' key prefix
	 * @param remember how long to remember a signature
	 */
	ReplayMemory(@Nullable BoundedRedisCommands redis, String keyPrefix, Duration remember) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.remember = remember;
		this.local = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(MAX_LOCAL_SIGNATURES).build();
	}

	boolean isShared() {
		return this.redis != null;
	}

	/**
	 * Remembers a signature unless it was remembered before.
	 * @param signature the signature, as lower-case hex
	 * @return where it was remembered, or {@code null} if it had been seen before
	 */
	@Nullable ReplayStore firstUse(String signature) {
		// Remembered here as well, so a replay to this instance is refused even while
		// Redis
		// is down, and costs no round trip
		if (this.local.asMap().putIfAbsent(signature, Boolean.TRUE) != null) {
			return null;
		}
		if (this.redis != null) {
			byte[] key = (this.keyPrefix + ":~webhook:" + signature).getBytes(StandardCharsets.UTF_8);
			try {
				return this.redis.setIfAbsent(key, SEEN, this.remember.toMillis()) ? ReplayStore.REDIS : null;
			}
			catch (RuntimeException ex) {
				failures.warn("Could not remember a webhook signature in Redis; refusing its replays on this "
						+ "instance only while Redis does not answer", ex);
			}
		}
		return ReplayStore.LOCAL;
	}

}
