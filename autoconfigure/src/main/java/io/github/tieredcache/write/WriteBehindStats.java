package io.github.tieredcache.write;

import org.jspecify.annotations.Nullable;

/**
 * The state of one cache's write-behind queue: what is queued in Redis (shared by every
 * instance) and what this instance did since it started. Immutable.
 *
 * @param queueDepth entries in the queue, delivered or not
 * @param pendingKeys keys with a write not yet run
 * @param oldestPendingAgeMillis age of the oldest entry in milliseconds, {@code null}
 * when the queue is empty
 * @param deadLetters writes in the dead-letter stream
 * @param queued writes this instance queued
 * @param synchronous writes this instance ran synchronously as Redis could not be reached
 * @param executed queued writes this instance ran
 * @param coalesced queued writes this instance acknowledged without running, as a later
 * write of the same key ran instead
 * @param retries failed runs this instance scheduled again
 * @param deadLettered writes this instance moved to the dead-letter stream
 * @param redisUnavailable {@code true} when the queue's figures could not be read from
 * Redis (they are then {@code 0})
 */
public record WriteBehindStats(long queueDepth, long pendingKeys, @Nullable Long oldestPendingAgeMillis,
		long deadLetters, long queued, long synchronous, long executed, long coalesced, long retries, long deadLettered,
		boolean redisUnavailable) {
}
