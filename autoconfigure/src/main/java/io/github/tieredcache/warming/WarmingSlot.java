package io.github.tieredcache.warming;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * One period of a warmer's schedule. Slots are computed from the wall clock alone
 * (intervals are aligned to the epoch, cron slots start at the expression's firings), so
 * every instance computes the same slots and can claim them through a
 * {@link WarmingLock}.
 *
 * @param start when the slot starts
 * @param length how long it lasts
 */
record WarmingSlot(Instant start, Duration length) {

	/**
	 * Returns the first slot that starts after a time.
	 * @param policy the warmer's schedule
	 * @param after the time
	 * @param zone the zone cron expressions are read in
	 * @return the slot, or {@code null} when the policy has no schedule (or its cron
	 * expression never fires again)
	 */
	static @Nullable WarmingSlot after(WarmingPolicy policy, Instant after, ZoneId zone) {
		Duration interval = policy.interval();
		if (interval != null) {
			long length = interval.toMillis();
			long start = Math.floorDiv(after.toEpochMilli(), length) * length + length;
			return new WarmingSlot(Instant.ofEpochMilli(start), interval);
		}
		String cron = policy.cron();
		if (cron == null) {
			return null;
		}
		CronExpression expression = CronExpression.parse(cron);
		ZonedDateTime start = expression.next(after.atZone(zone));
		ZonedDateTime end = (start != null) ? expression.next(start) : null;
		if (start == null || end == null) {
			return null;
		}
		return new WarmingSlot(start.toInstant(), Duration.between(start, end));
	}

}
