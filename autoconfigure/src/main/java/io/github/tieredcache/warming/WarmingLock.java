package io.github.tieredcache.warming;

import java.time.Duration;

/**
 * Decides which instance runs a scheduled warm: each slot of a warmer's schedule (an
 * interval, or the time between two cron firings) is claimed by the first instance to
 * ask, and the others skip it and read what it wrote from Redis.
 */
@FunctionalInterface
public interface WarmingLock {

	/**
	 * Every instance runs every slot: for caches without Redis, where other instances
	 * could not share what one warms.
	 */
	WarmingLock LOCAL = (warmer, slot, hold) -> true;

	/**
	 * Claims a slot of a warmer's schedule.
	 * @param warmer the warmer's name
	 * @param slot when the slot starts, in epoch milliseconds (the same on every
	 * instance)
	 * @param hold how long the claim must outlive its slot's start: the slot's length
	 * @return whether this instance should run the slot
	 */
	boolean tryAcquire(String warmer, long slot, Duration hold);

}
