package io.github.tieredcache.write;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one instance did with one cache's queued writes since it started. Thread-safe.
 */
final class WriteBehindCounters {

	final LongAdder queued = new LongAdder();

	final LongAdder synchronous = new LongAdder();

	final LongAdder executed = new LongAdder();

	final LongAdder coalesced = new LongAdder();

	final LongAdder retries = new LongAdder();

	final LongAdder deadLettered = new LongAdder();

	final LongAdder redisFailures = new LongAdder();

}
